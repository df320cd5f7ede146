import Dispatch
import Foundation
import ProcessKit

/// Child processes the benchmark times from the outside: the real `waypoint` binary in a
/// pseudo-terminal, and the `sqlite3` shell that sets the floors. Spawning and waiting are
/// ProcessKit's; the pseudo-terminal is the benchmark's own.
enum BenchmarkProcess {
    struct Run {
        var milliseconds: Double
        /// The child's own peak resident memory in megabytes: what it reports (VmHWM), else wait4's ru_maxrss.
        var peakResidentMegabytes: Double
        var status: Int32
        /// Everything the child wrote (to the terminal, or to its standard output and error).
        var output: String

        init(_ termination: ProcessKit.Termination, output: String) {
            milliseconds = termination.milliseconds
            peakResidentMegabytes = (BenchmarkProcess.reportedPeakKilobytes(output) ?? Double(termination.peakResidentKilobytes)) / 1024
            status = termination.status
            self.output = output
        }
    }

    typealias Failure = ProcessKit.Failure

    /// Linux's TIOCSPTLCK and TIOCGPTN (asm-generic/ioctls.h), which Swift's Glibc module does not import.
    private static let ptyUnlock: UInt = 0x4004_5431
    private static let ptyNumber: UInt = 0x8004_5430

    /// This executable's own path, so the benchmark spawns the binary it is part of.
    static var ownExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static func onPath(_ name: String) -> String? { ProcessKit.onPath(name) }

    /// Runs `executable` with `arguments` on a new pseudo-terminal of `columns` x `rows`
    /// (TERM=xterm-256color), reading everything it draws until it exits. The time runs
    /// from just before the spawn to the child's exit.
    static func runInTerminal(_ executable: String, _ arguments: [String], columns: Int, rows: Int) throws -> Run {
        // posix_openpt and friends are hidden from Swift's Glibc module; on Linux they are
        // /dev/ptmx, an unlock ioctl and the number ioctl, which is what glibc does.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, ptyUnlock, &unlock) == 0, ioctl(master, ptyNumber, &number) == 0 else {
            throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        defer { close(master) }
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        let slavePath = "/dev/pts/\(number)"
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        // Who is at the keyboard is remembered in a configuration folder of the run's own,
        // never in the configuration of whoever runs the benchmark.
        environment["WAYPOINT_CONFIG_DIR"] = FileManager.default.temporaryDirectory
            .appendingPathComponent("waypoint-bench-config-\(getpid())").path
        environment["COLUMNS"] = nil
        environment["LINES"] = nil
        // Held open until the child has its own: until then, reading the master would end at once.
        let slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw Failure(description: "cannot open \(slavePath): \(String(cString: strerror(errno)))") }
        // The child opens the terminal itself, as the leader of a new session, so it becomes
        // the child's controlling terminal, exactly as when a shell starts it. posix_spawn
        // returns once the child has done so and started the program.
        let start = DispatchTime.now().uptimeNanoseconds
        let pid: pid_t
        do {
            defer { close(slave) }
            pid = try ProcessKit.spawn(executable, arguments, environment: environment,
                                       actions: [.open(0, path: slavePath, flags: O_RDWR), .duplicate(0, to: 1), .duplicate(0, to: 2)],
                                       newSession: true)
        }
        // Read until the child is gone: a full terminal would otherwise stop it mid-frame.
        let output = String(decoding: ProcessKit.readToEnd(master), as: UTF8.self)
        return Run(ProcessKit.wait(pid, startedAt: start), output: output)
    }

    /// Runs `executable` with no input, reading all it writes to its standard output and error.
    static func run(_ executable: String, _ arguments: [String]) throws -> Run {
        let result = try ProcessKit.run(executable, arguments)
        return Run(result.termination, output: String(decoding: result.stdout + result.stderr, as: UTF8.self))
    }

    /// The "VmHWM: N kB" line `waypoint run --exit-after-first-frame` prints: the child's
    /// own peak. wait4's ru_maxrss would also count this (large) process, because the child
    /// shares its memory between posix_spawn and exec and Linux keeps that high-water mark.
    private static func reportedPeakKilobytes(_ output: String) -> Double? {
        guard let range = output.range(of: "VmHWM:") else { return nil }
        return Double(output[range.upperBound...].prefix { $0 != "k" }.trimmingCharacters(in: .whitespaces))
    }
}
