import Foundation

/// What Ctrl-C during an import says before the command ends, as true at that moment:
/// while the files are read and checked (and all through a dry run) nothing was written;
/// once chunks are applied, those applied are kept and the next import finishes the rest.
enum InterruptNotice {
    static let nothingWritten = "Stopped: nothing was written."
    static let partWay = "Stopped part-way: what was applied is kept, and the next import "
        + "(or `waypoint doctor --fix`) applies the rest from the copy it kept."

    /// The sentence, as bytes ready for write(2): a signal handler may not allocate.
    nonisolated(unsafe) private static var bytes: UnsafeMutableBufferPointer<UInt8>?

    /// Ctrl-C from now on prints `nothingWritten` (until `set` says otherwise) and exits 130.
    static func install() {
        set(nothingWritten)
        signal(SIGINT) { _ in
            if let bytes = InterruptNotice.bytes { _ = write(STDERR_FILENO, bytes.baseAddress, bytes.count) }
            _exit(130)
        }
    }

    /// The sentence Ctrl-C prints from now on. The previous one is left allocated: a handler
    /// running at this moment may still be writing it (a few bytes, once or twice a run).
    static func set(_ sentence: String) {
        let text = Array(("\n" + sentence + "\n").utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
        _ = buffer.initialize(from: text)
        bytes = buffer
    }
}
