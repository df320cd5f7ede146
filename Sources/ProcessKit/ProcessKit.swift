import Dispatch
import Foundation

/// Starting child processes and waiting for them: posix_spawn and wait4, with nothing of
/// Waypoint in it. The end-to-end tests and the benchmark both start processes through here.
///
/// Not Foundation's `Process`: a tmux server started by `tmux new-session -d` inherits the
/// descriptors of its parent, and `Process` then waits for a child that has long exited.
public enum ProcessKit {
    /// Something to do to the child's descriptors before it runs.
    public enum FileAction: Sendable {
        /// Opens `path` with `flags` as descriptor `descriptor`.
        case open(_ descriptor: Int32, path: String, flags: Int32)
        /// Makes `descriptor` a copy of `source`.
        case duplicate(_ source: Int32, to: Int32)
    }

    /// How a child ended, with what it cost.
    public struct Termination: Sendable {
        /// The exit code, or nil when a signal ended it.
        public var exitCode: Int32?
        /// The signal that ended it, or nil when it exited.
        public var signal: Int32?
        /// True when the timeout ran out and the child was killed.
        public var timedOut: Bool
        /// From just before the spawn to the child's exit.
        public var milliseconds: Double
        /// wait4's ru_maxrss. A child made by posix_spawn shares the parent's memory until
        /// exec, and Linux keeps that high-water mark: a large parent inflates it.
        public var peakResidentKilobytes: Int

        /// The exit code, or 128 + the signal, as a shell reports it.
        public var status: Int32 { exitCode ?? 128 + (signal ?? 0) }
    }

    /// A child that has run to the end, with what it wrote.
    public struct Result: Sendable {
        public var termination: Termination
        public var stdout: Data
        public var stderr: Data
        public var status: Int32 { termination.status }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// glibc's POSIX_SPAWN_SETSID, which Swift's Glibc module does not import.
    private static let spawnNewSession: Int16 = 0x80

    /// Starts `executable` with `arguments` and `environment` (the whole environment, not
    /// additions), after `actions`; as the leader of a new session when `newSession`.
    public static func spawn(_ executable: String, _ arguments: [String], environment: [String: String],
                             actions: [FileAction], newSession: Bool = false) throws -> pid_t {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        for action in actions {
            switch action {
            case .open(let descriptor, let path, let flags):
                posix_spawn_file_actions_addopen(&fileActions, descriptor, path, flags, 0o600)
            case .duplicate(let source, let target):
                posix_spawn_file_actions_adddup2(&fileActions, source, target)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newSession { posix_spawnattr_setflags(&attributes, spawnNewSession) }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &fileActions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        return pid
    }

    /// Waits for `pid` to end; after `timeout` seconds it is killed (SIGKILL) and waited for.
    /// `startedAt` (DispatchTime uptime nanoseconds) is where `milliseconds` counts from.
    public static func wait(_ pid: pid_t, timeout: Double? = nil,
                            startedAt: UInt64 = DispatchTime.now().uptimeNanoseconds) -> Termination {
        var timedOut = false
        if let timeout {
            // A waiter that does not reap (WNOWAIT): until we reap it, the pid stays ours, so
            // killing it after the timeout can never hit another process that got its number.
            let exited = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                var info = siginfo_t()
                while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0, errno == EINTR {}
                exited.signal()
            }
            if exited.wait(timeout: .now() + timeout) == .timedOut {
                timedOut = true
                kill(pid, SIGKILL)
                exited.wait()
            }
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - startedAt) / 1_000_000
        let signal = status & 0x7f
        return Termination(exitCode: signal == 0 ? (status >> 8) & 0xff : nil, signal: signal == 0 ? nil : signal,
                           timedOut: timedOut, milliseconds: elapsed, peakResidentKilobytes: Int(usage.ru_maxrss))
    }

    /// Runs `executable` to the end with `input` (nothing when nil) as its standard input,
    /// its output and errors captured, in this process's environment changed by `environment`.
    ///
    /// Input and output go through unlinked files, not pipes: a child of any size of output
    /// never waits for a reader, and a daemon it leaves behind holding the descriptors (a
    /// tmux server) cannot keep this waiting for an end of file.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                           input: Data? = nil, timeout: Double? = nil) throws -> Result {
        var childEnvironment = ProcessInfo.processInfo.environment
        childEnvironment.merge(environment) { $1 }
        let stdin = try scratchFile(input ?? Data())
        defer { close(stdin) }
        let stdout = try scratchFile(Data())
        defer { close(stdout) }
        let stderr = try scratchFile(Data())
        defer { close(stderr) }
        let start = DispatchTime.now().uptimeNanoseconds
        let pid = try spawn(executable, arguments, environment: childEnvironment,
                            actions: [.duplicate(stdin, to: 0), .duplicate(stdout, to: 1), .duplicate(stderr, to: 2)])
        let termination = wait(pid, timeout: timeout, startedAt: start)
        return Result(termination: termination, stdout: contents(stdout), stderr: contents(stderr))
    }

    /// The first `name` on PATH that can be executed; nil when there is none.
    public static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// An open, already unlinked file holding `data`, positioned at its start.
    private static func scratchFile(_ data: Data) throws -> Int32 {
        var template = Array((NSTemporaryDirectory() + "processkit-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw Failure(description: "cannot create a scratch file: \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var written = 0
        while written < data.count {
            let count = data.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, data.count - written) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else {
                close(descriptor)
                throw Failure(description: "cannot write a scratch file: \(String(cString: strerror(errno)))")
            }
            written += count
        }
        lseek(descriptor, 0, SEEK_SET)
        return descriptor
    }

    /// Everything in `descriptor`, from its start.
    private static func contents(_ descriptor: Int32) -> Data {
        lseek(descriptor, 0, SEEK_SET)
        return readToEnd(descriptor)
    }

    /// Reads `descriptor` until its end (EOF, or EIO once a terminal's last user has gone).
    public static func readToEnd(_ descriptor: Int32) -> Data {
        var bytes = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { bytes.append(contentsOf: chunk[0..<count]); continue }
            if count < 0, errno == EINTR { continue }
            return bytes
        }
    }
}
