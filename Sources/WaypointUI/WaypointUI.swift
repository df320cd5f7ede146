// WaypointUI
