import WaypointCore

/// Refuses, before anything is opened or written, a typed value its field cannot hold: a
/// control character, or more than the field's length (the limits are `TextField`'s, the
/// same the importers apply).
func checkTyped(_ value: String?, as field: TextField, _ option: String) throws {
    guard let value, let problem = field.problem(value) else { return }
    throw CLIError("\(option): expected \(problem)")
}

/// `checkTyped` for each of a repeated option's values.
func checkTyped(_ values: [String], as field: TextField, _ option: String) throws {
    for value in values { try checkTyped(value, as: field, option) }
}
