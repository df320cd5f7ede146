/// The keybinding reference for the docs, generated from the keymaps.
public enum KeyReference {
    public static func markdown() -> String {
        var text = ""
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
