import Foundation
import TerminalKit
import WaypointCatalogs
import WaypointCore
import WaypointStore
import WaypointUI

/// Timings of the interactive paths on a generated district, in-process, with the real
/// store, reducer, effects and renderer (drawing into the in-memory backend).
struct Benchmark {
    struct Figure: Encodable {
        var name: String
        var samples: Int
        var p50Milliseconds: Double
        var p95Milliseconds: Double
        var p99Milliseconds: Double
    }

    struct Result: Encodable {
        var students: Int
        var figures: [Figure]
        var loadSeconds: Double
        var peakResidentMegabytes: Double
    }

    let students: Int
    let folder: URL

    func run() throws -> Result {
        let catalogs = CatalogLoader.shipped
        let db = try AppDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path)
        let district = DemoDistrict.generate(students: students, seed: 7)
        let today = CivilDate.today()
        let loadStart = Date()
        let abc = DemoABC.generate(for: district.students, today: today, seed: 7)
        try db.loadDemoDistrict(district, plans: DemoPlans.generate(for: district.students, catalogs: catalogs, today: today, seed: 7),
                                sessions: DemoSessions.generate(for: district.students, today: today, seed: 7), abc: abc)
        let loadSeconds = Date().timeIntervalSince(loadStart)

        var figures: [Figure] = []
        let backend = InMemoryBackend(size: Size(width: 120, height: 40))
        let runner = EffectRunner(database: db, catalogs: catalogs)
        var state = AppState(size: backend.size(), counselorId: 1)
        state.userId = 1
        state.catalogs = catalogs
        let app = App(state: state, terminal: Terminal(backend: backend), runner: runner)
        app.start()

        // Typing a search, letter by letter: query, ranking, render and diff.
        var typing: [Double] = []
        for round in 0..<20 {
            app.handle(.key(.char("/")))
            for letter in ["g", "a", "r", "c", "i"].prefix(3 + round % 3) {
                typing.append(time { app.handle(.key(.char(Character(letter)))); app.render() })
            }
            app.handle(.key(.escape))
        }
        figures.append(figure("keystroke to frame (search)", typing))

        // Opening a profile from the caseload and going back.
        var opening: [Double] = []
        for index in 0..<30 {
            app.handle(.key(.char("j")))
            opening.append(time { app.handle(.key(.enter)); app.render() })
            app.handle(.key(.char("q")))
            _ = index
        }
        figures.append(figure("open a student profile", opening))

        // Store writes a session and a plan change make.
        let ids = try db.caseload(counselorId: 1).prefix(30).compactMap(\.student.id)
        figures.append(figure("save a session", try ids.map { id in
            try timeThrowing {
                _ = try db.recordSession(AdvisingSession(studentId: id, authorId: 1, startedAt: Date(), durationMinutes: 15,
                                                         kind: "college", topics: ["FAFSA"], note: "Benchmark note"))
            }
        }))
        figures.append(figure("toggle a milestone", try ids.map { id in
            try timeThrowing {
                try db.setMilestone(MilestoneRecord(studentId: id, milestoneId: "fafsa", status: .done), today: today, by: 1)
            }
        }))
        let courses = try ids.compactMap { try db.plan(studentId: $0).courses.first }
        figures.append(figure("move a course", try courses.map { course in
            try timeThrowing { try db.moveCourse(id: course.id!, toYear: Grade(rawValue: course.year.rawValue == 12 ? 11 : 12)!, by: 1) }
        }))

        // Render and diff of a full 200x60 frame, unchanged and fully changed.
        let big = InMemoryBackend(size: Size(width: 200, height: 60))
        let terminal = Terminal(backend: big)
        var flip = false
        terminal.draw { buffer in buffer.fill(buffer.area, with: Cell("a")); return nil }
        figures.append(figure("render+diff 200x60, nothing changed", (0..<50).map { _ in
            time { terminal.draw { buffer in buffer.fill(buffer.area, with: Cell("a")); return nil } }
        }))
        figures.append(figure("render+diff 200x60, everything changed", (0..<50).map { _ in
            time {
                flip.toggle()
                let symbol = flip ? "b" : "a"
                terminal.draw { buffer in buffer.fill(buffer.area, with: Cell(symbol)); return nil }
            }
        }))

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Result(students: students, figures: figures, loadSeconds: loadSeconds,
                      peakResidentMegabytes: Double(usage.ru_maxrss) / 1024)
    }

    private func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    private func timeThrowing(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }

    private func figure(_ name: String, _ samples: [Double]) -> Figure {
        let sorted = samples.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
        }
        return Figure(name: name, samples: samples.count, p50Milliseconds: percentile(0.5), p95Milliseconds: percentile(0.95),
                      p99Milliseconds: percentile(0.99))
    }
}
