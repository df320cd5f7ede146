/// What a key binding asks for. Commands are what keymaps map keys to, what the footer
/// and `?` help describe, and what the reducer understands.
public enum Command: String, CaseIterable, Equatable, Sendable {
    case quit
    /// Stop the process for the shell's job control (Ctrl-Z); `fg` brings it back.
    case suspend
    case back
    case help
    case moveUp, moveDown, pageUp, pageDown, moveTop, moveBottom
    case startSearch, keepSearch, clearSearch
    case switchCounselor, chooseCounselor
    case loadDemo, startImport, runImport
    case openStudent
    case cycleSort, toggleNotSeen, showViews, openTasks, taskDone, openTaskStudent
    case openReports, nextReport, nextGrouping
    case switchPanel
    case followUpDone, followUpDrop
    case newSession, viewSession, amendSession, archiveSession, confirmArchive
    case saveSession, nextField, previousField, cancelEditor
    case confirmDiscard, keepEditing
    case resumeDraft, discardDraft, laterDraft
    case openPlan, nextSection, previousSection, previousYear, nextYear
    case addPlanItem, editPlanItem, removePlanItem, confirmRemoval, cancelRemoval
    case moveCourseLater, moveCourseEarlier, cyclePlanStatus, waiveMilestone, changePathway
    case submitForm, cancelForm, exportPlan
    case lockNow, unlock, nextLockCounselor
    case saveMineOverTheirs, keepTheirs
    /// Documentation of a key the focused field handles as typing; never dispatched.
    case typeText
}
