/// The keybinding reference for the docs, generated from the keymaps.
public enum KeyReference {
    public static func markdown() -> String {
        var text = """
            # Key bindings

            Generated from the keymaps (each feature's `*Keymap.swift` under
            `Sources/WaypointUI/`, and the global keys in `App/Keymaps.swift`) by
            `waypoint keys > docs/KEYS.md`; a test keeps this file in step with them.
            `^X` means Ctrl-X.


            """
        for context in KeyContext.allCases {
            let keymap = Keymaps.keymap(for: context)
            text += "### \(context.title)\n\n| Keys | Does |\n|---|---|\n"
            for binding in keymap.bindings {
                let keys = binding.keys.map { "`\($0.label)`" }.joined(separator: " ")
                text += "| \(keys) | \(binding.title) |\n"
            }
            text += "\n"
        }
        return text
    }
}
