import ArgumentParser
import CursesBackend
import Foundation

/// `--passphrase-file F`: where a passphrase comes from when no one can be asked.
///
/// A passphrase is never a command-line value: arguments are visible to every user of the
/// machine in `ps` and stay in shell history. So it comes, in this order, from the first
/// line of a file, from `WAYPOINT_PASSPHRASE`, or from the terminal with echo off.
struct PassphraseOptions: ParsableArguments {
    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp(
        "Read the passphrase from the first line of this file (else $WAYPOINT_PASSPHRASE, else you are asked).",
        valueName: "file"))
    var file: String?

    /// The passphrase from the file, the environment or the terminal. On a terminal,
    /// `confirm` asks a second time and refuses when the two differ.
    func read(prompt: String, confirm: Bool = false) throws -> String {
        if let file { return try PassphraseSource.firstLine(of: file, option: "--passphrase-file") }
        if let value = ProcessInfo.processInfo.environment[PassphraseSource.environmentName] {
            guard !value.isEmpty else {
                throw CLIError("\(PassphraseSource.environmentName) is set but empty; unset it or put the passphrase in it")
            }
            return value
        }
        guard let terminal = PassphraseTerminal() else { throw PassphraseSource.nowhereToAsk }
        let answers = try terminal.ask(confirm ? [prompt, "Again, to be sure: "] : [prompt])
        guard answers.allSatisfy({ $0 == answers[0] }) else {
            throw CLIError("the two passphrases differ; nothing was changed")
        }
        return answers[0]
    }

    /// Where the passphrase will come from, in words, for messages.
    var comesFromTerminal: Bool {
        file == nil && ProcessInfo.processInfo.environment[PassphraseSource.environmentName] == nil
    }
}

enum PassphraseSource {
    static let environmentName = "WAYPOINT_PASSPHRASE"

    static let nowhereToAsk = CLIError(
        "a passphrase is needed and there is no terminal to ask it on; give it with --passphrase-file FILE "
            + "(its first line) or the \(environmentName) environment variable, never as an argument")

    /// The first line of `path`, without its line ending. The file must exist and hold one.
    static func firstLine(of path: String, option: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("\(option) \(path): no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(option) \(path): cannot be read (check its permissions)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError("\(option) \(path): is not UTF-8 text")
        }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let passphrase = line.hasSuffix("\r") ? String(line.dropLast()) : line
        guard !passphrase.isEmpty else { throw CLIError("\(option) \(path): its first line is empty") }
        warnIfShared(path, option: option)
        return passphrase
    }

    /// A passphrase file others can read is no secret: say so, but use it (the owner may
    /// be on a machine where that is intended, and refusing would not un-share it).
    private static func warnIfShared(_ path: String, option: String) {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_mode) & 0o077 != 0 else { return }
        let mode = String(Int(info.st_mode) & 0o777, radix: 8)
        FileHandle.standardError.write(Data(
            "Warning: \(option) \(path) can be read by other users (mode 0\(mode)); `chmod 600 \(path)` keeps it yours\n".utf8))
    }
}
