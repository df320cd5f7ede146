import Foundation

/// What the screens need from the world, declared here and carried out elsewhere
/// (WaypointEffects, over the store): the UI target cannot import the store, so every read
/// and write goes through an `Effect` value and comes back as actions.
public protocol EffectPerformer: AnyObject {
    /// Performs one effect and answers with the actions its result (or failure) means.
    func run(_ effect: Effect) -> [Action]
    /// Performs an effect that `runsInBackground`, on a worker thread: it must touch only
    /// what is safe from another thread. `job` says whether the counselor cancelled and takes
    /// its progress.
    func runInBackground(_ effect: Effect, job: JobControl) -> [Action]
    /// The time now. The screens read the clock only through this (ticks carry it into the
    /// state), so one injected clock rules the reducers and the effects alike.
    func now() -> Date
    /// Where a long effect reports how far it has come while it runs (the app redraws).
    var onProgress: ((JobProgress) -> Void)? { get set }
}
