/// What kind of change an edit was, for deciding which edits make one undo step.
enum EditKind: Hashable, Sendable {
    case typing, deleteBackward, deleteForward, other
}

/// One undoable step: from `start`, the characters `removed` were replaced by `inserted`.
///
/// Steps are edit records rather than snapshots of `lines`. A snapshot is O(lines) to take
/// on every step, and five hundred of them keep every replaced line alive; a record holds
/// only the characters that changed, so typing into a 30,000-character note costs the same
/// as typing into an empty one, and a large paste costs its own size once.
struct Edit: Hashable, Sendable {
    var start: TextPosition
    var removed: [Character]
    var inserted: [Character]
    var cursorBefore: TextPosition
    var cursorAfter: TextPosition
    var kind: EditKind

    /// This step with `next` folded in, when `next` continues it: typing on from where the
    /// last character went, or Backspace or Delete held down. A run breaks where a word ends
    /// (the first whitespace after other characters), so undo takes back a word at a time.
    func absorbing(_ next: Edit) -> Edit? {
        guard kind == next.kind else { return nil }
        var merged = self
        switch kind {
        case .typing:
            guard next.start == TextBuffer.position(start, advancedOver: inserted),
                  let last = inserted.last, let first = next.inserted.first,
                  last.isWhitespace || !first.isWhitespace else { return nil }
            merged.inserted += next.inserted
        case .deleteBackward:
            guard TextBuffer.position(next.start, advancedOver: next.removed) == start,
                  let first = removed.first, let deleted = next.removed.last,
                  first.isWhitespace || !deleted.isWhitespace else { return nil }
            merged.start = next.start
            merged.removed = next.removed + removed
        case .deleteForward:
            guard next.start == start, let last = removed.last, let deleted = next.removed.first,
                  last.isWhitespace || !deleted.isWhitespace else { return nil }
            merged.removed += next.removed
        case .other:
            return nil
        }
        merged.cursorAfter = next.cursorAfter
        return merged
    }
}

/// The undo and redo stacks, bounded so a long session does not grow without end.
struct UndoHistory: Hashable, Sendable {
    static let limit = 500
    var undo: [Edit] = []
    var redo: [Edit] = []
    /// False after a move, an undo or a redo: the next edit starts a step of its own even
    /// if it happens to continue the last one.
    var canCoalesce = false

    mutating func record(_ edit: Edit) {
        redo.removeAll()
        if canCoalesce, let last = undo.last, let merged = last.absorbing(edit) {
            undo[undo.count - 1] = merged
        } else {
            undo.append(edit)
            if undo.count > UndoHistory.limit { undo.removeFirst(undo.count - UndoHistory.limit) }
        }
        canCoalesce = edit.kind != .other
    }
}

extension TextBuffer {
    public var canUndo: Bool { !history.undo.isEmpty }
    public var canRedo: Bool { !history.redo.isEmpty }

    /// Takes back the last step and puts the cursor where it was before it. Returns false
    /// when there is nothing to undo.
    @discardableResult
    public mutating func undo() -> Bool {
        guard let edit = history.undo.popLast() else { return false }
        let end = TextBuffer.position(edit.start, advancedOver: edit.inserted)
        _ = replace(from: edit.start, to: end, with: edit.removed)
        cursor = edit.cursorBefore
        preferredColumn = nil
        history.redo.append(edit)
        history.canCoalesce = false
        return true
    }

    /// Makes the last undone step again. Returns false when there is nothing to redo.
    @discardableResult
    public mutating func redo() -> Bool {
        guard let edit = history.redo.popLast() else { return false }
        let end = TextBuffer.position(edit.start, advancedOver: edit.removed)
        _ = replace(from: edit.start, to: end, with: edit.inserted)
        cursor = edit.cursorAfter
        preferredColumn = nil
        history.undo.append(edit)
        history.canCoalesce = false
        return true
    }
}
