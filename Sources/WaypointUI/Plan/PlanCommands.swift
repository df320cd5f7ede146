extension Command {
    public enum Plan: Hashable, Sendable {
        case nextSection, previousSection, previousYear, nextYear
        case addPlanItem, editPlanItem, removePlanItem, confirmRemoval, cancelRemoval
        case moveCourseLater, moveCourseEarlier, cyclePlanStatus, waiveMilestone, changePathway, takeImportedMark
        case submitForm, cancelForm, exportPlan
        case previousLanguage, nextLanguage, saveExport, printExport, cancelExport
        case showSection(PlanState.Section)
    }
}

extension AppState {
    mutating func performPlan(_ command: Command.Plan) -> [Effect] {
        switch command {
        case .nextSection: switchPlanSection(by: 1)
        case .previousSection: switchPlanSection(by: -1)
        case .previousYear: switchPlanYear(by: -1)
        case .nextYear: switchPlanYear(by: 1)
        case .addPlanItem: openPlanForm(edit: false)
        case .editPlanItem: openPlanForm(edit: true)
        case .changePathway:
            plan?.section = .pathway
            openPlanForm(edit: false)
        case .removePlanItem: askToRemovePlanItem()
        case .confirmRemoval: return confirmPlanRemoval()
        case .cancelRemoval: plan?.confirmRemoval = nil
        case .moveCourseLater: return moveSelectedCourse(by: 1)
        case .moveCourseEarlier: return moveSelectedCourse(by: -1)
        case .cyclePlanStatus: return cyclePlanStatus()
        case .waiveMilestone: return waiveMilestone()
        case .takeImportedMark: return takeImportedMark()
        case .submitForm: return submitPlanForm()
        case .cancelForm: cancelPlanForm()
        case .exportPlan: openExportChoice()
        case .previousLanguage: moveExportChoice(by: -1)
        case .nextLanguage: moveExportChoice(by: 1)
        case .saveExport: return finishExport(print: false)
        case .printExport: return finishExport(print: true)
        case .cancelExport: plan?.export = nil
        case .showSection(let section): showPlanSection(section)
        }
        return []
    }
}
