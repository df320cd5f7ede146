import TerminalKit

/// Chooses whose caseload to show: each counselor, or the whole district.
enum CounselorPickerView {
    static func render(_ state: AppState, picker: TableState, into buffer: inout Buffer, area: Rect) {
        let ids = state.counselorPickerRows
        let size = ScreenLayout.counselorPicker(state.size, rows: ids.count)
        let inner = Modal.render(title: state.userId == nil ? "Who are you?" : "Whose caseload?", size: size, into: &buffer, over: area)
        let table = Table(columns: [
            // Names first: a long name matters more than the end of an address.
            TableColumn("Counselor", width: .fill(3)),
            TableColumn("Email", width: .fill(2)),
        ], rowCount: ids.count) { row, column in
            guard let id = ids[row], let counselor = state.counselors.first(where: { $0.id == id }) else {
                return column == 0 ? "All students in the district" : ""
            }
            return column == 0 ? counselor.displayName : (counselor.email ?? "")
        }
        table.render(into: &buffer, area: inner.inset(horizontal: 1, vertical: 0), state: picker)
    }
}
