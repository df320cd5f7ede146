import TerminalKit

extension Command {
    public enum Welcome: Hashable, Sendable {
        case loadDemo, startImport, runImport
    }
}

extension AppState {
    mutating func performWelcome(_ command: Command.Welcome) -> [Effect] {
        switch command {
        case .loadDemo:
            guard !isBusy else { return [] }
            isBusy = true
            status = StatusMessage("Loading the demo district…")
            return [.loadDemoDistrict]
        case .startImport:
            overlay = .importRoster(TextInput())
        case .runImport:
            guard case .importRoster(let input)? = overlay else { return [] }
            let folder = input.text.trimmingCharacters(in: .whitespaces)
            guard !folder.isEmpty else {
                status = StatusMessage("Type the folder that holds manifest.csv.", isError: true)
                return []
            }
            overlay = nil
            isBusy = true
            progress = nil
            status = StatusMessage("Importing \(folder)…")
            return [.importRoster(directory: folder, userId: userId)]
        }
        return []
    }
}
