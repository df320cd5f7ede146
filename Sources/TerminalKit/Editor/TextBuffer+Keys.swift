/// Editor keys, so every screen that edits a note behaves the same.
extension TextBuffer {
    /// Applies an editing or movement key, wrapping at `width` for up and down and moving
    /// `pageHeight` rows for PgUp and PgDn. Returns false for keys it leaves to the app
    /// (Esc, Ctrl-S, function keys, Shift-Tab and any Ctrl key not listed here), so the
    /// app can bind them. Word movement comes as `.wordLeft`/`.wordRight`, which the curses
    /// backend decodes from the many ways terminals send Ctrl- and Alt-arrows.
    @discardableResult
    public mutating func handle(_ key: Key, width: Int, pageHeight: Int) -> Bool {
        switch key {
        case .char(let character): insert(String(character))
        case .enter: insertNewline()
        case .tab: insert("\t")
        case .backspace, .ctrl("h"): deleteBackward()
        case .delete, .ctrl("d"): deleteForward()
        case .paste(let text): insert(text)
        case .wordLeft: moveWordLeft()
        case .wordRight: moveWordRight()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .up: moveUp(width: width)
        case .down: moveDown(width: width)
        case .home, .ctrl("a"): moveToLineStart()
        case .end, .ctrl("e"): moveToLineEnd()
        case .pageUp: movePageUp(width: width, pageHeight: pageHeight)
        case .pageDown: movePageDown(width: width, pageHeight: pageHeight)
        case .ctrl("w"): deleteWordBackward()
        case .ctrl("u"): deleteToLineStart()
        case .ctrl("k"): deleteToLineEnd()
        case .ctrl("z"): undo()
        case .ctrl("y"): redo()
        default: return false
        }
        return true
    }
}
