extension Command {
    public enum Tasks: Hashable, Sendable {
        case taskDone, openTaskStudent
    }
}

extension AppState {
    mutating func performTasks(_ command: Command.Tasks) -> [Effect] {
        switch command {
        case .taskDone: completeSelectedTask()
        case .openTaskStudent: openTaskStudent()
        }
    }
}
