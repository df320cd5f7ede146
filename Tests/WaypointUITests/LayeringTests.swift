import Foundation
import XCTest

/// The layers of the README's architecture section, held true: a target imports only the
/// targets Package.swift gives it, directly or through its dependencies. The compiler alone
/// does not ensure this: SwiftPM builds every module into one folder, so an undeclared
/// `import Interchange` in WaypointUI compiles once Interchange happens to be built first.
final class LayeringTests: XCTestCase {
    private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testEveryTargetImportsOnlyTheTargetsItDeclares() throws {
        let targets = try PackageTargets(manifest: String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8))
        XCTAssertGreaterThan(targets.all.count, 8, "Package.swift was not read: \(targets.all.map(\.name))")
        let names = Set(targets.all.map(\.name))
        for target in targets.all {
            let reachable = targets.reachable(from: target.name)
            let folder = root.appendingPathComponent(target.path)
            for file in try swiftFiles(in: folder) {
                let imported = try imports(in: String(contentsOf: file, encoding: .utf8))
                for module in imported where names.contains(module) && module != target.name {
                    XCTAssertTrue(reachable.contains(module),
                                  "\(file.path.dropFirst(root.path.count + 1)) imports \(module), which Package.swift does not give \(target.name)")
                }
            }
        }
    }

    /// "What may the screens touch?" has one answer: not the database, the files, the vault
    /// or the terminal, even through another target; they ask for those as `Effect` values.
    func testTheScreensCannotReachTheStoreTheFilesTheVaultOrTheTerminal() throws {
        let targets = try PackageTargets(manifest: String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8))
        XCTAssertTrue(targets.all.contains { $0.name == "WaypointUI" })
        let reachable = targets.reachable(from: "WaypointUI")
        for io in ["WaypointStore", "Interchange", "WaypointVault", "CursesBackend", "WaypointEffects"] {
            XCTAssertFalse(reachable.contains(io), "WaypointUI reaches \(io): \(reachable.sorted())")
        }
    }

    private func swiftFiles(in folder: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
    }

    private func imports(in source: String) throws -> [String] {
        let pattern = try NSRegularExpression(
            pattern: #"^\s*(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?(\w+)"#,
            options: [.anchorsMatchLines])
        let range = NSRange(source.startIndex..., in: source)
        return pattern.matches(in: source, range: range).compactMap { match in
            Range(match.range(at: 1), in: source).map { String(source[$0]) }
        }
    }
}

/// The targets of Package.swift as its text says them: name, folder and the targets of this
/// package it depends on (products of other packages left out).
private struct PackageTargets {
    struct Target {
        var name: String
        var path: String
        var dependencies: [String]
    }

    var all: [Target] = []

    /// The targets `name` depends on, directly or through others.
    func reachable(from name: String) -> Set<String> {
        var found: Set<String> = []
        var next = all.first { $0.name == name }?.dependencies ?? []
        while let dependency = next.popLast() {
            guard found.insert(dependency).inserted else { continue }
            next += all.first { $0.name == dependency }?.dependencies ?? []
        }
        return found
    }

    init(manifest: String) throws {
        let declaration = try NSRegularExpression(pattern: #"\.(?:target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"(\w+)""#)
        let text = manifest as NSString
        let matches = declaration.matches(in: manifest, range: NSRange(location: 0, length: text.length))
        for (index, match) in matches.enumerated() {
            let end = index + 1 < matches.count ? matches[index + 1].range.location : text.length
            let body = text.substring(with: NSRange(location: match.range.location, length: end - match.range.location))
            let name = text.substring(with: match.range(at: 1))
            let isTest = body.hasPrefix(".testTarget")
            let path = try Self.firstCapture(#"path:\s*"([^"]+)""#, in: body) ?? (isTest ? "Tests/\(name)" : "Sources/\(name)")
            let list = try Self.firstCapture(#"dependencies:\s*\[([^\]]*)\]"#, in: body) ?? ""
            // Plain strings are this package's targets; `.product(name:package:)` entries are not.
            let withoutProducts = list.replacingOccurrences(of: #"\.product\([^)]*\)"#, with: "", options: .regularExpression)
            let dependencies = try NSRegularExpression(pattern: #""(\w+)""#)
                .matches(in: withoutProducts, range: NSRange(withoutProducts.startIndex..., in: withoutProducts))
                .compactMap { Range($0.range(at: 1), in: withoutProducts).map { String(withoutProducts[$0]) } }
            all.append(Target(name: name, path: path, dependencies: dependencies))
        }
    }

    private static func firstCapture(_ pattern: String, in text: String) throws -> String? {
        let expression = try NSRegularExpression(pattern: pattern)
        guard let match = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }
}
