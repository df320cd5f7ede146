// WaypointStore
