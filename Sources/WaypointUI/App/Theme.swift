import TerminalKit

/// The styles screens use, by role. Each carries its meaning in attributes as well as in
/// colour, so a monochrome terminal or NO_COLOR loses nothing.
enum Theme {
    static let titleBar = Style(foreground: .white, background: .blue, attributes: .bold)
    static let footer = Style(attributes: .reverse)
    static let error = Style(foreground: .red, attributes: .bold)
    static let heading = Style(attributes: .bold)
    static let muted = Style(attributes: .dim)
    static let key = Style(foreground: .cyan, attributes: .bold)
    static let selected = Style(attributes: .reverse)
    static let tableHeader = Style(attributes: [.bold, .underline])
}
