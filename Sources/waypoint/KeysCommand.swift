import ArgumentParser
import WaypointUI

/// Prints the key bindings of every screen from the same tables the footer and `?` use.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Print the key bindings of every screen (Markdown).")

    func run() {
        print(KeyReference.markdown(), terminator: "")
    }
}
