import C4CCore
import Synchronization

/// The hub's facet index of each language, kept while it still tells the truth: until the content
/// version moves (any write, on any instance sharing the database) or the next scheduled instant
/// comes (a resource published at a set time). Each request pays one tiny query for the version;
/// an index out of date is rebuilt once, by the first request that needs it, while the others
/// that need it meanwhile wait for that one build.
final class ResourceFacetIndexes: Sendable {
    private struct Built: Sendable {
        var index: ResourceFacetIndex
        /// Epoch seconds from which the index may be wrong.
        var validUntil: Int64
    }

    private struct Entry {
        var version: Int64
        var build: Task<Built, any Error>
        /// Known once the build is done.
        var validUntil: Int64?
    }

    private let entries = Mutex<[Language: Entry]>([:])
    private let database: any Database

    init(database: any Database) { self.database = database }

    func index(language: Language, now: Int64) async throws -> ResourceFacetIndex {
        let versions = ContentVersionQueries(database: database)
        let version = try await versions.version()
        let build: Task<Built, any Error> = entries.withLock { entries in
            if let entry = entries[language], entry.version == version, entry.validUntil.map({ now < $0 }) ?? true {
                return entry.build
            }
            let database = self.database
            let build = Task {
                let index = try await database.read { sql in try await ResourceFacetIndex.build(language: language, now: now, in: sql) }
                // Resources become visible in their publication second, so what was read at `now`
                // holds until the first scheduled instant after it.
                let next = try await versions.nextScheduledInstant(from: now + 1)
                return Built(index: index, validUntil: next ?? .max)
            }
            entries[language] = Entry(version: version, build: build)
            return build
        }
        do {
            let built = try await build.value
            entries.withLock { entries in
                if entries[language]?.build == build { entries[language]?.validUntil = built.validUntil }
            }
            return built.index
        } catch {
            entries.withLock { entries in
                if entries[language]?.build == build { entries[language] = nil }
            }
            throw error
        }
    }
}
