extension Command {
    public enum Profile: Hashable, Sendable {
        case switchPanel, followUpDone, followUpDrop
        case newSession, viewSession, amendSession, archiveSession, confirmArchive
        case openPlan, openMilestones
        /// A contact with the family logged without the student (a phone call home).
        case logFamilyContact
        /// The form that adds a family contact or edits one.
        case openContacts, submitContactForm, cancelContactForm
        /// Start an intervention, add a progress note to one, close one (issue 15, item 5).
        case startIntervention, noteIntervention, closeIntervention, submitInterventionForm, cancelInterventionForm
        /// A test result typed from a paper score report (issue 16, item 3).
        case addTestResult, submitTestForm, cancelTestForm
        /// The college list (issue 16, item 4): add, edit, step the status, the transcript or
        /// the recommendation of the selected application, remove it.
        case addApplication, editApplication, nextApplicationStatus, nextTranscript, nextRecommendation
        case removeApplication, confirmRemoveApplication, submitCollegeForm, cancelCollegeForm
    }
}

extension AppState {
    mutating func performProfile(_ command: Command.Profile) -> [Effect] {
        switch command {
        case .switchPanel:
            switchProfilePanel()
        case .followUpDone:
            return closeSelectedFollowUp(as: .done)
        case .followUpDrop:
            return closeSelectedFollowUp(as: .dropped)
        case .newSession:
            return openEditor(amending: false)
        case .viewSession:
            guard let view = profile?.selectedSession, let id = view.session.id else { return [] }
            overlay = .session(id: id, scroll: 0)
            // Only its author sees a confidential note; reading it is recorded.
            if view.session.isConfidential, !view.isRedacted {
                return [.recordView(.viewedConfidentialNote, studentId: view.session.studentId, subject: "session \(id)",
                                    userId: userId)]
            }
        case .amendSession:
            if case .session? = overlay { overlay = nil }
            return openEditor(amending: true)
        case .archiveSession:
            guard let id = profile?.selectedSession?.session.id else { return [] }
            overlay = .confirmArchive(sessionId: id)
        case .confirmArchive:
            guard case .confirmArchive(let id)? = overlay, let author = userId else { return [] }
            overlay = nil
            status = StatusMessage("Session archived: it left the list but stays in the record (`waypoint session list --archived`).")
            return [.archiveSession(sessionId: id, userId: author), reloadProfile()]
        case .openPlan:
            return openPlan()
        case .logFamilyContact:
            return openEditor(amending: false, withFamily: true)
        case .openContacts:
            openContactForm()
        case .submitContactForm:
            return submitContactForm()
        case .cancelContactForm:
            profile?.contactForm = nil
            profile?.contactFormPurpose = nil
        case .openMilestones:
            return openPlan(section: .milestones)
        case .startIntervention:
            openInterventionForm(nil)
        case .noteIntervention:
            openInterventionForm(.note)
        case .closeIntervention:
            openInterventionForm(.close)
        case .submitInterventionForm:
            return submitInterventionForm()
        case .cancelInterventionForm:
            cancelInterventionForm()
        case .addTestResult:
            openTestResultForm()
        case .submitTestForm:
            return submitTestResultForm()
        case .cancelTestForm:
            profile?.testForm = nil
        case .addApplication:
            openCollegeForm(editing: false)
        case .editApplication:
            openCollegeForm(editing: true)
        case .nextApplicationStatus:
            return stepSelectedApplication({ .status($0.status.next) }, said: { "status \($0.status.rawValue)" })
        case .nextTranscript:
            return stepSelectedApplication({ .transcript($0.transcript.next) }, said: { "transcript \($0.transcript.title.lowercased())" })
        case .nextRecommendation:
            return stepSelectedApplication({ .recommendation($0.recommendation.next) },
                                           said: { "recommendation \($0.recommendation.title.lowercased())" })
        case .removeApplication:
            let selected = profile?.selectedApplication
            profile?.collegeRemoval = selected
        case .confirmRemoveApplication:
            return confirmApplicationRemoval()
        case .submitCollegeForm:
            return submitCollegeForm()
        case .cancelCollegeForm:
            cancelCollegeForm()
        }
        return []
    }
}
