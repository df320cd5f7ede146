import Foundation

/// Child processes the benchmark times from the outside: the real `waypoint` binary in a
/// pseudo-terminal, and the `sqlite3` shell that sets the floors.
enum BenchmarkProcess {
    struct Run {
        var milliseconds: Double
        /// The child's own peak resident memory in megabytes: what it reports (VmHWM), else wait4's ru_maxrss.
        var peakResidentMegabytes: Double
        var status: Int32
        /// Everything the child wrote (to the terminal, or to its standard output and error).
        var output: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Linux's TIOCSPTLCK, TIOCGPTN (asm-generic/ioctls.h) and glibc's POSIX_SPAWN_SETSID,
    /// which Swift's Glibc module does not import.
    private static let ptyUnlock: UInt = 0x4004_5431
    private static let ptyNumber: UInt = 0x8004_5430
    private static let spawnNewSession: Int16 = 0x80

    /// This executable's own path, so the benchmark spawns the binary it is part of.
    static var ownExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// The first `name` on PATH that can be executed; nil when there is none.
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

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
        return try spawn(executable, arguments, environment: environment, output: master,
                         afterSpawn: { close(slave) }) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
            posix_spawn_file_actions_adddup2(&actions, 0, 2)
        }
    }

    /// Runs `executable` with its standard input, output and error on a pipe, reading all it writes.
    static func run(_ executable: String, _ arguments: [String]) throws -> Run {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw Failure(description: "cannot open a pipe: \(String(cString: strerror(errno)))") }
        _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        defer { close(pipeEnds[0]) }
        let writeEnd = pipeEnds[1]
        return try spawn(executable, arguments, environment: ProcessInfo.processInfo.environment, output: pipeEnds[0],
                         afterSpawn: { close(writeEnd) }) { actions in
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
            posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        }
    }

    private static func spawn(_ executable: String, _ arguments: [String], environment: [String: String], output: Int32,
                              afterSpawn: () -> Void = {},
                              actions configure: (inout posix_spawn_file_actions_t) -> Void) throws -> Run {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        configure(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, spawnNewSession)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        afterSpawn()
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        // Read until the child closes its end: a full terminal would otherwise stop it mid-frame.
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count > 0 { bytes += chunk[0..<count]; continue }
            if count < 0, errno == EINTR { continue }
            break // 0: end of file; EIO: the terminal's last user has gone
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let output = String(decoding: bytes, as: UTF8.self)
        return Run(milliseconds: elapsed, peakResidentMegabytes: (reportedPeakKilobytes(output) ?? Double(usage.ru_maxrss)) / 1024,
                   status: exitStatus, output: output)
    }

    /// The "VmHWM: N kB" line `waypoint run --exit-after-first-frame` prints: the child's
    /// own peak. wait4's ru_maxrss would also count this (large) process, because the child
    /// shares its memory between posix_spawn and exec and Linux keeps that high-water mark.
    private static func reportedPeakKilobytes(_ output: String) -> Double? {
        guard let range = output.range(of: "VmHWM:") else { return nil }
        return Double(output[range.upperBound...].prefix { $0 != "k" }.trimmingCharacters(in: .whitespaces))
    }
}
