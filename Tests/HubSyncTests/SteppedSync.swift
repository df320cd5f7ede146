import Foundation
import Glibc
import HubTestSupport
import ProcessKit

/// A real `waypoint sync` run with WAYPOINT_SYNC_STEPS=pause: it stops at each SyncStep
/// ("sync step: hub-applied 2" on stderr) until it reads a line, so a test can SIGKILL it
/// at exactly the point it names, whatever the load on the machine.
final class SteppedSync {
    let pid: pid_t
    private let toChild: Int32
    private let fromChild: Int32
    private var pending = Data()
    /// Everything it wrote on stderr so far, for failure messages.
    private(set) var err = ""
    private var ended = false

    init(database: String, password: String, environment extra: [String: String]) throws {
        // A step answered after the child died must fail the write, not kill the test.
        signal(SIGPIPE, SIG_IGN)
        var input: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&errors) == 0 else {
            throw HubTestFailure("cannot make pipes: \(String(cString: strerror(errno)))")
        }
        // Only the child's copies (dup2'd to 0 and 2) stay open in it: its stdin must end
        // when this side closes.
        for descriptor in input + errors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var environment = ProcessInfo.processInfo.environment
        environment.merge(["PGPASSFILE": "/nonexistent", "PGPASSWORD": password, "WAYPOINT_HUB_URL": "",
                           "WAYPOINT_SYNC_STEPS": "pause"]) { $1 }
        environment.merge(extra) { $1 }
        defer { close(input[0]); close(errors[1]) }
        pid = try ProcessKit.spawn(try HubBinary.path(), ["sync", "--db", database], environment: environment,
                                   actions: [.duplicate(input[0], to: 0), .open(1, path: "/dev/null", flags: O_WRONLY),
                                             .duplicate(errors[1], to: 2)])
        toChild = input[1]
        fromChild = errors[0]
    }

    deinit {
        if !ended { _ = kill() }
        close(toChild)
        close(fromChild)
    }

    /// Lets it go on past every step until it stops at `step` (e.g. "settled 1"), and leaves
    /// it stopped there. Fails if it ends first or the deadline passes.
    func stop(at step: String, deadline seconds: Double = 120) throws {
        let end = Date().addingTimeInterval(seconds)
        while true {
            guard let line = try nextLine(before: end) else {
                throw HubTestFailure("waypoint sync ended before \"\(step)\": \(err)")
            }
            guard let marker = line.range(of: "sync step: ") else { continue }
            if line[marker.upperBound...] == step { return }
            _ = write(toChild, "\n", 1)
        }
    }

    /// SIGKILL, as a power cut or `kill -9` would; waits for it to be gone.
    @discardableResult
    func kill() -> ProcessKit.Termination {
        Glibc.kill(pid, SIGKILL)
        ended = true
        return ProcessKit.wait(pid)
    }

    private func nextLine(before end: Date) throws -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            let left = end.timeIntervalSinceNow
            guard left > 0 else { throw HubTestFailure("no expected step within the deadline: \(err)") }
            var watched = pollfd(fd: fromChild, events: Int16(POLLIN), revents: 0)
            let ready = poll(&watched, 1, Int32(min(left, 1) * 1000))
            if ready < 0, errno != EINTR { throw HubTestFailure("poll: \(String(cString: strerror(errno)))") }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(fromChild, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            pending.append(contentsOf: chunk[0..<count])
            err += String(decoding: chunk[0..<count], as: UTF8.self)
        }
    }
}
