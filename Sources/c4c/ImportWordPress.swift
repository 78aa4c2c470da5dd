import ArgumentParser
import C4CStore
import Foundation

struct ImportWordPress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-wordpress",
        abstract: "Bring a WordPress export (WXR) in: posts, pages, media, categories and tags, with redirects from every old address. Safe to run again."
    )

    @Argument(help: "The WXR file WordPress exported (Tools › Export › All content).")
    var export: String

    @Option(help: "A copy of the site's wp-content/uploads folder, where attachments' files are read from.")
    var uploads: String?

    @Option(name: .customLong("as"), help: "The email address of the user the import is credited to (default: the first administrator).")
    var user: String?

    func run() async throws {
        let file = URL(fileURLWithPath: export)
        guard FileManager.default.isReadableFile(atPath: file.path) else { throw ValidationError("Cannot read \(export)") }
        var isDirectory: ObjCBool = false
        if let uploads, !(FileManager.default.fileExists(atPath: uploads, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw ValidationError("--uploads must name a folder: \(uploads)")
        }
        try await withDatabase { database in
            try await Migrator(database: database).migrate()
            let userID: Int64
            do {
                userID = try await WordPressImporter.importingUser(in: database, email: user)
            } catch let problem as WordPressImporter.ImportError {
                FileHandle.standardError.write(Data("c4c import-wordpress: \(problem)\n".utf8))
                throw ExitCode.failure
            }
            let importer = WordPressImporter(database: database, uploads: uploads.map { URL(fileURLWithPath: $0) }, userID: userID, now: Date())
            let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
            let started = ContinuousClock.now
            let report = try await importer.run(file) { bar.show($0) }
            bar.finish()
            print(report.text)
            let elapsed = (ContinuousClock.now - started).components
            print(String(format: "Done in %.1f s.", Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18))
        }
    }
}

/// A one-line bar on standard error, redrawn at most ten times a second; nothing when not a terminal.
final class ProgressBar: @unchecked Sendable {
    let enabled: Bool
    private let lock = NSLock()
    private var lastDrawn = ContinuousClock.now - .seconds(1)

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ progress: WordPressImporter.Progress) {
        if let total = progress.total, total > 0 {
            show("Posts and pages", done: progress.done, total: total)
        } else {
            draw("Reading media and topics: \(progress.done) items", force: false)
        }
    }

    func show(_ label: String, done: Int, total: Int) {
        let width = 30
        let filled = total > 0 ? min(width, done * width / total) : width
        draw("\(label) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] \(done)/\(total)",
             force: done == total)
    }

    private func draw(_ line: String, force: Bool) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        guard now - lastDrawn >= .milliseconds(100) || force else { return }
        lastDrawn = now
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
