import Foundation

/// Asks for a passphrase on the controlling terminal (/dev/tty) with echo off, so it never
/// shows on screen, and gives the terminal back its echo however the prompt ends: Enter,
/// end of input, an error, or Ctrl-C / a termination signal.
///
/// /dev/tty rather than standard input and output: a command whose output is piped can
/// still ask, and the prompt never lands in the pipe. It lives here because CursesBackend
/// is the one target that touches the terminal.
public final class PassphraseTerminal {
    private let fd: Int32

    /// nil when the process has no controlling terminal (cron, CI, a service).
    public init?() {
        let fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        guard isatty(fd) == 1 else { close(fd); return nil }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Shows `prompt`, reads one line with echo off, and moves to the next line.
    public func ask(_ prompt: String) throws -> String {
        try ask([prompt])[0]
    }

    /// Asks each of `prompts` in turn, with echo off from before the first prompt is shown
    /// until after the last answer, so nothing typed ahead is ever shown.
    public func ask(_ prompts: [String]) throws -> [String] {
        var saved = termios()
        guard tcgetattr(fd, &saved) == 0 else { throw PromptError("cannot read the terminal's settings to hide the passphrase") }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO | ECHOE | ECHOK | ECHONL)
        EchoRestorer.arm(fd: fd, settings: saved)
        defer {
            tcsetattr(fd, TCSADRAIN, &saved)
            EchoRestorer.disarm()
        }
        guard tcsetattr(fd, TCSADRAIN, &silent) == 0 else {
            throw PromptError("cannot turn the terminal's echo off to hide the passphrase")
        }
        return try prompts.map { prompt in
            write(prompt)
            defer { write("\n") }
            return try readLine()
        }
    }

    private func readLine() throws -> String {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = read(fd, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1 else {
                if line.isEmpty { throw PromptError("no passphrase was typed (end of input)") }
                break
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            line.append(byte)
        }
        guard let passphrase = String(bytes: line, encoding: .utf8) else {
            throw PromptError("the passphrase typed is not UTF-8 text; check the terminal's locale")
        }
        guard !passphrase.isEmpty else { throw PromptError("no passphrase was typed") }
        return passphrase
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    }
}

/// Why no passphrase could be read, in a sentence for the command's error.
public struct PromptError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Puts the echo back when a signal ends the process mid-prompt, then lets the signal do
/// what it would have done. Kept in globals because a signal handler can capture nothing.
private enum EchoRestorer {
    nonisolated(unsafe) static var fd: Int32 = -1
    nonisolated(unsafe) static var settings = termios()
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    static func arm(fd: Int32, settings: termios) {
        Self.fd = fd
        Self.settings = settings
        for number in signals {
            signal(number) { number in
                if EchoRestorer.fd >= 0 {
                    tcsetattr(EchoRestorer.fd, TCSANOW, &EchoRestorer.settings)
                    var newline = UInt8(ascii: "\n")
                    _ = Foundation.write(EchoRestorer.fd, &newline, 1)
                }
                signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    static func disarm() {
        for number in signals { signal(number, SIG_DFL) }
        fd = -1
    }
}
