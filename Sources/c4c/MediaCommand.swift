import ArgumentParser
import C4CStore
import Foundation
import Logging

struct Media: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Work on the media library.",
        subcommands: [Regenerate.self]
    )

    struct Regenerate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make every photo's stripped master and resized variants again (after an upgrade, or for photos stored before variants existed)."
        )

        func run() async throws {
            try await ImageProcessor.checkAvailable()
            try await withDatabase { database in
                _ = try await Migrator(database: database).migrate()
                let maker = ImageVariantMaker(database: database)
                let total = try await maker.requeueAll()
                let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1)
                var failed: [Int64] = []
                var done = 0
                while let outcome = try await maker.makeNext(now: Date()) {
                    if !outcome.made { failed.append(outcome.mediaID) }
                    done += 1
                    bar.show("Photos", done: done, total: total)
                }
                bar.finish()
                print("\(total - failed.count) of \(total) photos have their variants." + (failed.isEmpty ? "" :
                    " Could not be read (media ids): \(failed.map(String.init).joined(separator: ", ")); they are tried again tomorrow."))
            }
        }
    }
}
