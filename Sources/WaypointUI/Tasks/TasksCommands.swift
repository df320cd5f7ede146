extension Command {
    public enum Tasks: Hashable, Sendable {
        case taskDone, openTaskStudent, cycleShow
    }
}

extension AppState {
    mutating func performTasks(_ command: Command.Tasks) -> [Effect] {
        switch command {
        case .taskDone: return completeSelectedTask()
        case .openTaskStudent: return openTaskStudent()
        case .cycleShow:
            cycleTaskShow()
            return []
        }
    }
}
