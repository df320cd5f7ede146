import TerminalKit

/// Turns a key into an action through the keymap of the focused context.
public enum KeyRouter {
    public static func action(for key: Key, in state: AppState) -> Action? {
        let context = Keymaps.context(for: state)
        let keymap = Keymaps.keymap(for: context)
        if let binding = keymap.binding(for: key), binding.isTyping {
            return .edit(key)
        }
        if let binding = keymap.binding(for: key) {
            if let reason = binding.disabledReason(state) {
                return .unavailable("\(binding.title): \(reason)")
            }
            return .command(binding.command)
        }
        if [.caseloadSearch, .editor, .planForm, .views, .importRoster, .lock].contains(context) { return .edit(key) }
        return nil
    }
}
