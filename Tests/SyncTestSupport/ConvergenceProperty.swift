import Foundation
import PropertyBased
import Testing

/// Runs a convergence property over random work plans (swift-property-based): `count` plans,
/// shrunk to a smaller failing one if one fails. On failure the library prints the plan and
/// its seed (in `.fixedSeed("…")`); setting the environment variable `environment` to that
/// seed replays exactly that plan, once.
public enum ConvergenceProperty {
    public static func check(count: Int, environment name: String, plans: Generator<WorkPlan, AnySequence<Any>>,
                             sourceLocation: SourceLocation = #_sourceLocation,
                             _ body: (WorkPlan) async throws -> Void) async throws {
        if let seed = ProcessInfo.processInfo.environment[name], !seed.isEmpty {
            guard var random = Xoshiro(seed: seed) else {
                Issue.record("\(name)=\(seed) is not a seed a failed run printed (the text inside .fixedSeed(\"…\"))",
                             sourceLocation: sourceLocation)
                return
            }
            let plan = plans.run(using: &random)
            print("Replaying \(name)=\(seed): \(plan)")
            try await body(plan)
            return
        }
        await propertyCheck(count: count, input: plans, perform: body, sourceLocation: sourceLocation)
    }
}
