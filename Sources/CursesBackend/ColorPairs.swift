@preconcurrency import CNcurses
import TerminalKit

/// Curses draws colours through numbered pairs; this hands them out on first use.
final class ColorPairs {
    private var pairs: [Pair: Int16] = [:]
    private let limit = Int(COLOR_PAIRS)

    private struct Pair: Hashable {
        let foreground: Color
        let background: Color
    }

    func pair(foreground: Color, background: Color) -> Int16 {
        if foreground == .default, background == .default { return 0 }
        let key = Pair(foreground: foreground, background: background)
        if let number = pairs[key] { return number }
        let number = Int16(pairs.count + 1)
        guard Int(number) < limit else { return 0 }
        init_pair(number, Self.code(foreground), Self.code(background))
        pairs[key] = number
        return number
    }

    private static func code(_ color: Color) -> Int16 {
        switch color {
        case .default: -1
        case .black: Int16(COLOR_BLACK)
        case .red: Int16(COLOR_RED)
        case .green: Int16(COLOR_GREEN)
        case .yellow: Int16(COLOR_YELLOW)
        case .blue: Int16(COLOR_BLUE)
        case .magenta: Int16(COLOR_MAGENTA)
        case .cyan: Int16(COLOR_CYAN)
        case .white: Int16(COLOR_WHITE)
        }
    }
}
