extension Effect {
    /// Loads whose result replaces the previous one: when several are asked for in one batch
    /// of keys (typing a search, pressing Tab three times), only the last is worth running.
    var coalescingKey: String? {
        switch self {
        case .loadCaseload: "caseload"
        case .summarizeStudents: "summaries"
        case .loadProfile: "profile"
        case .loadPlan: "plan"
        case .loadTasks: "tasks"
        case .loadReport, .loadTimeReport: "report"
        default: nil
        }
    }

    /// `effects` in order, without the loads a later load of the same kind supersedes.
    static func coalesced(_ effects: [Effect]) -> [Effect] {
        var lastIndex: [String: Int] = [:]
        for (index, effect) in effects.enumerated() {
            if let key = effect.coalescingKey { lastIndex[key] = index }
        }
        return effects.enumerated().compactMap { index, effect in
            guard let key = effect.coalescingKey else { return effect }
            return lastIndex[key] == index ? effect : nil
        }
    }
}
