import Foundation

/// Finds the folder holding `Resources/Templates`, `Resources/Catalog` and `Public`: the working
/// directory (the repository root, as with `swift run`), or the repository the executable was
/// built in (`.build/debug/c4c` started from elsewhere).
enum ResourceLocator {
    static func find(workingDirectory: String = FileManager.default.currentDirectoryPath,
                     executable: String = CommandLine.arguments.first ?? "") throws -> URL {
        var candidates = [URL(fileURLWithPath: workingDirectory)]
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(folder)
            folder.deleteLastPathComponent()
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("Resources/Templates").path) {
            return candidate
        }
        throw ResourceLocatorError(searched: candidates.map(\.path))
    }
}

struct ResourceLocatorError: Error, CustomStringConvertible {
    let searched: [String]
    var description: String {
        "Resources/Templates not found. Start c4c from the repository root or set C4C_ROOT. Looked in: \(searched.joined(separator: ", "))"
    }
}
