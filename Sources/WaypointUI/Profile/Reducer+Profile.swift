import TerminalKit
import WaypointCore

extension AppState {
    /// Opens the profile of the student selected on the caseload.
    mutating func openSelectedStudent() -> [Effect] {
        guard let studentId = caseload.selectedEntry?.student.id else { return [] }
        caseload.isSearching = false
        return openProfile(studentId: studentId)
    }

    /// Opens a student's profile on top of the current screen, and records in the audit
    /// trail that the counselor viewed it (reloads later do not record again).
    mutating func openProfile(studentId: Int64) -> [Effect] {
        profile = ProfileState(studentId: studentId)
        screens.append(.profile)
        return [recordProfileView(studentId: studentId), reloadProfile()]
    }

    func recordProfileView(studentId: Int64) -> Effect {
        .recordView(.viewedProfile, studentId: studentId, subject: "profile", userId: userId)
    }

    mutating func reloadProfile() -> Effect {
        guard var current = profile else { return .loadStartup }
        current.requestToken += 1
        profile = current
        return .loadProfile(studentId: current.studentId, viewerId: userId, token: current.requestToken)
    }

    mutating func receiveProfile(token: Int, data: ProfileData) {
        guard var current = profile, token == current.requestToken, data.student.id == current.studentId else { return }
        current.data = data
        current.sessionsTable.clamp(rowCount: data.sessions.count, visibleRows: profileVisibleRows(.sessions))
        current.followUpsTable.clamp(rowCount: data.followUps.count, visibleRows: profileVisibleRows(.followUps))
        current.collegesTable.clamp(rowCount: data.applications.count, visibleRows: profileVisibleRows(.colleges))
        if current.focus == .followUps, data.followUps.isEmpty { current.focus = .sessions }
        if current.focus == .colleges, data.applications.isEmpty { current.focus = .sessions }
        profile = current
        // A draft resumed at start-up opens the editor before its profile has loaded: the
        // editor's Family row needs the contacts that arrive only now.
        if editor?.studentId == current.studentId { editor?.contacts = data.contacts }
    }

    /// Tab: sessions, follow-ups, then the Colleges panel when the student has one.
    mutating func switchProfilePanel() {
        guard var current = profile else { return }
        let hasColleges = !(current.data?.applications.isEmpty ?? true)
        switch current.focus {
        case .sessions: current.focus = .followUps
        case .followUps: current.focus = hasColleges ? .colleges : .sessions
        case .colleges: current.focus = .sessions
        }
        profile = current
    }

    mutating func closeSelectedFollowUp(as status: FollowUpStatus) -> [Effect] {
        guard let followUp = profile?.selectedFollowUp, let id = followUp.id else {
            status == .done ? (self.status = StatusMessage("No follow-up selected.", isError: true)) : ()
            return []
        }
        // Closed by mistake? Say how to get it back (`X` drops at once). A repeating one's
        // next due date follows (`followUpRepeated`), so its line stays short.
        self.status = followUp.recurrence != nil && status == .done ? StatusMessage("“\(followUp.text)” done.")
            : StatusMessage("Follow-up “\(followUp.text)” marked \(status.rawValue); `waypoint followup set \(id) open` reopens it.")
        return [.setFollowUpStatus(id: id, status: status, userId: userId, loaded: followUp.status), reloadProfile()]
    }

    mutating func moveProfileSelection(by delta: Int) {
        guard var current = profile, let data = current.data else { return }
        switch current.focus {
        case .sessions:
            current.sessionsTable.move(by: delta, rowCount: data.sessions.count, visibleRows: profileVisibleRows(.sessions))
        case .followUps:
            current.followUpsTable.move(by: delta, rowCount: data.followUps.count, visibleRows: profileVisibleRows(.followUps))
        case .colleges:
            current.collegesTable.move(by: delta, rowCount: data.applications.count, visibleRows: profileVisibleRows(.colleges))
        }
        profile = current
    }
}
