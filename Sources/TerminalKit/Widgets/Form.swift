import Foundation

/// A small form in a dialog: labelled text fields and choices, Tab between them.
/// The value lives in application state; `FormView` only draws it.
public struct FormState: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case text(TextInput)
        /// One of `options` (id, title), by index; ←/→ or Space change it.
        case choice(options: [Choice], index: Int)
    }

    public struct Choice: Hashable, Sendable {
        public var id: String
        public var title: String
        public init(id: String, title: String) {
            self.id = id
            self.title = title
        }
    }

    public struct Field: Hashable, Sendable {
        public var key: String
        public var label: String
        public var value: Value
        public var hint: String

        public init(key: String, label: String, value: Value, hint: String = "") {
            self.key = key
            self.label = label
            self.value = value
            self.hint = hint
        }

        public static func text(_ key: String, _ label: String, _ initial: String = "", hint: String = "") -> Field {
            Field(key: key, label: label, value: .text(TextInput(initial)), hint: hint)
        }

        public static func choice(_ key: String, _ label: String, _ options: [Choice], selected: String? = nil) -> Field {
            let index = options.firstIndex { $0.id == selected } ?? 0
            return Field(key: key, label: label, value: .choice(options: options, index: index))
        }
    }

    public var title: String
    public var fields: [Field]
    public var focus = 0
    /// What is wrong with the input, shown under the fields until the next edit.
    public var error: String?
    /// A muted line under the fields when there is no error (what → would complete, say).
    public var note: String?
    /// Text that would complete the focused text field, drawn dim after its cursor.
    public var ghost: String?

    public init(title: String, fields: [Field]) {
        self.title = title
        self.fields = fields
    }

    /// The text or chosen id of the field named `key`, trimmed.
    public subscript(key: String) -> String {
        guard let field = fields.first(where: { $0.key == key }) else { return "" }
        switch field.value {
        case .text(let input): return input.text.trimmingCharacters(in: .whitespaces)
        case .choice(let options, let index): return options.indices.contains(index) ? options[index].id : ""
        }
    }

    /// The text field named `key`, if it is one.
    public func input(_ key: String) -> TextInput? {
        guard let field = fields.first(where: { $0.key == key }), case .text(let input) = field.value else { return nil }
        return input
    }

    /// Sets the text field named `key` (cursor at the end).
    public mutating func setText(_ key: String, _ text: String) {
        guard let index = fields.firstIndex(where: { $0.key == key }), case .text = fields[index].value else { return }
        fields[index].value = .text(TextInput(text))
    }

    /// Selects the option `id` of the choice named `key`, when it has that option.
    public mutating func select(_ key: String, _ id: String) {
        guard let index = fields.firstIndex(where: { $0.key == key }), case .choice(let options, _) = fields[index].value,
              let chosen = options.firstIndex(where: { $0.id == id }) else { return }
        fields[index].value = .choice(options: options, index: chosen)
    }

    /// The key of the focused field.
    public var focusedKey: String? { fields.indices.contains(focus) ? fields[focus].key : nil }

    public mutating func moveFocus(by delta: Int) {
        guard !fields.isEmpty else { return }
        focus = (focus + delta + fields.count) % fields.count
    }

    /// Applies an editing key to the focused field; false when the key is not for it.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        guard fields.indices.contains(focus) else { return false }
        error = nil
        switch fields[focus].value {
        case .text(var input):
            guard input.handle(key) else { return false }
            fields[focus].value = .text(input)
        case .choice(let options, let index):
            guard !options.isEmpty else { return false }
            switch key {
            case .left: fields[focus].value = .choice(options: options, index: (index + options.count - 1) % options.count)
            case .right, .char(" "): fields[focus].value = .choice(options: options, index: (index + 1) % options.count)
            case .char(let c):
                // A letter jumps to the next option starting with it.
                let order = options.indices.map { (index + 1 + $0) % options.count }
                guard let match = order.first(where: { options[$0].title.lowercased().hasPrefix(String(c).lowercased()) }) else { return false }
                fields[focus].value = .choice(options: options, index: match)
            default: return false
            }
        }
        return true
    }
}

/// Draws a `FormState` as a centred dialog and returns the text cursor, if a text field has focus.
public enum FormView {
    /// `focusMarker` points at the focused field beside its reversed label, so focus shows in
    /// monochrome and in a plain-text capture too.
    public static func render(_ form: FormState, into buffer: inout Buffer, over area: Rect, footer: String,
                              focusMarker: String = "▸") -> Position? {
        let labelWidth = min(18, (form.fields.map { DisplayWidth.of($0.label) }.max() ?? 8) + 2)
        let height = form.fields.count + 5
        let inner = Modal.render(title: form.title, size: Size(width: min(72, area.width - 2), height: min(height, area.height)),
                                 into: &buffer, over: area)
        var cursor: Position?
        for (index, field) in form.fields.enumerated() where index < inner.height {
            let y = inner.y + index
            let focused = index == form.focus
            if focused { buffer.write(focusMarker, at: Position(x: inner.x, y: y), style: Style(attributes: .bold), clip: inner) }
            buffer.write(DisplayWidth.pad(field.label, to: labelWidth - 1), at: Position(x: inner.x + 1, y: y),
                         style: focused ? Style(attributes: .reverse) : Style(attributes: .bold), clip: inner)
            let valueArea = Rect(x: inner.x + 1 + labelWidth, y: y, width: inner.width - labelWidth - 2, height: 1)
            switch field.value {
            case .text(let input):
                let position = TextField.render(input, placeholder: focused ? field.hint : "", into: &buffer, area: valueArea)
                if focused {
                    cursor = position
                    if let ghost = form.ghost, !input.text.isEmpty {
                        buffer.write(ghost, at: position, style: Style(attributes: .dim), clip: valueArea)
                    }
                }
            case .choice(let options, let index):
                let title = options.indices.contains(index) ? options[index].title : ""
                buffer.write("‹ \(title) ›" + (focused ? "  ←/→" : ""), at: Position(x: valueArea.x, y: y), clip: valueArea)
            }
        }
        let messageRow = Rect(x: inner.x + 1, y: inner.maxY - 2, width: inner.width - 2, height: 1)
        if form.error == nil, let note = form.note {
            buffer.write(DisplayWidth.truncate(note, to: messageRow.width), at: Position(x: messageRow.x, y: messageRow.y),
                         style: Style(attributes: .dim), clip: messageRow)
        }
        if let error = form.error {
            // An error is never cut off: one too long for its row takes the blank row above too.
            let style = Style(foreground: .red, attributes: .bold)
            if DisplayWidth.of("⚠ " + error) <= messageRow.width || form.fields.count >= inner.height - 2 {
                buffer.write(DisplayWidth.truncate("⚠ " + error, to: messageRow.width), at: Position(x: messageRow.x, y: messageRow.y),
                             style: style, clip: messageRow)
            } else {
                let twoRows = Rect(x: messageRow.x, y: messageRow.y - 1, width: messageRow.width, height: 2)
                Paragraph.render("⚠ " + error, into: &buffer, area: twoRows, style: style)
            }
        }
        let footerRow = Rect(x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, height: 1)
        buffer.write(DisplayWidth.truncate(footer, to: footerRow.width), at: Position(x: footerRow.x, y: footerRow.y),
                     style: Style(attributes: .dim), clip: footerRow)
        return cursor
    }
}
