import TerminalKit

/// Turns a key into an action through the keymap of the focused context.
public enum KeyRouter {
    public static func action(for key: Key, in state: AppState) -> Action? {
        let keymap = Keymaps.keymap(for: Keymaps.context(for: state))
        if let binding = keymap.binding(for: key), binding.isTyping {
            return .edit(key)
        }
        if let binding = keymap.binding(for: key) {
            if let reason = binding.disabledReason(state) {
                return .unavailable("\(binding.title): \(reason)")
            }
            return .command(binding.command)
        }
        return keymap.isTyping ? .edit(key) : nil
    }
}
