import ArgumentParser
import C4CCore
import C4CStore
import C4CWeb
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Logging
import SQLKit

/// Serves the public pages once each, page cache off, through a database that explains every
/// query: prints, page by page, each query with its time and its plan, and marks full scans and
/// sorts. For rechecking that no page's cost grows with the number of items (`bench/explain.sh`).
struct ExplainPublicQueries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain-public-queries",
        abstract: "Print the query plans of every public page on the DATABASE_URL database, as migrated (use a large one: c4c seed-bulk)."
    )

    @Option(help: "Only pages whose address contains this text.") var only: String?

    func run() async throws {
        var logger = Logger(label: "c4c")
        logger.logLevel = .warning
        var configuration = try AppConfiguration.fromEnvironment(hostname: "127.0.0.1", port: 0)
        configuration.pageCache = false
        let base = try await configuration.database.open(logger: logger)
        let database = ExplainingDatabase(base)
        do {
            let pages = try await Self.pages(base).filter { page in only.map { page.contains($0) } ?? true }
            let dependencies = try await AppDependencies.make(configuration: configuration, database: database)
            let (started, announce) = AsyncStream.makeStream(of: String.self)
            let app = buildApplication(dependencies, logger: logger) { address in announce.yield(address) }
            let server = Task { try await app.run() }
            var iterator = started.makeAsyncIterator()
            guard let address = await iterator.next() else { throw ExitCode.failure }
            try await report(pages, base: String(address.dropLast()), database: database)
            server.cancel()
            _ = await server.result
        } catch {
            try? await base.close()
            throw error
        }
        try await base.close()
    }

    func report(_ pages: [String], base: String, database: ExplainingDatabase) async throws {
        let counts = try await database.read { sql in
            try await sql.raw("""
                SELECT (SELECT COUNT(*) FROM resources) AS resources, (SELECT COUNT(*) FROM events) AS events,
                (SELECT COUNT(*) FROM blog_posts) AS posts, (SELECT COUNT(*) FROM vacancies) AS vacancies
                """).first()
        }
        _ = database.take()
        func count(_ column: String) -> Int { (try? counts?.decode(column: column, as: Int.self)) ?? 0 }
        print("# Query plans of the public pages (\(database.engine.rawValue): \(count("resources")) resources, \(count("posts")) posts, "
              + "\(count("events")) events, \(count("vacancies")) vacancies)\n")
        print("Lines marked ⚠ read a whole table or sort rows the page does not show; judge them with the time beside each query.\n")
        var flagged: [(page: String, line: String)] = []
        var slowest: [(page: String, query: ExplainingDatabase.Query)] = []
        for page in pages {
            let (_, response) = try await URLSession.shared.data(from: URL(string: base + page)!)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            let queries = database.take()
            let total = queries.reduce(Duration.zero) { $0 + $1.duration }
            print("## GET \(page) → \(status), \(queries.count) queries, \(Self.milliseconds(total)) ms\n")
            for query in queries {
                print("### \(Self.milliseconds(query.duration)) ms\n")
                print("    " + query.sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "))
                for line in query.plan {
                    let mark = Self.isWarning(line)
                    if mark { flagged.append((page, line.trimmingCharacters(in: .whitespaces))) }
                    print("    \(mark ? "⚠ " : "  ")\(line)")
                }
                print("")
                slowest.append((page, query))
            }
        }
        print("## Summary\n")
        print("Slowest queries:")
        for (page, query) in slowest.sorted(by: { $0.query.duration > $1.query.duration }).prefix(10) {
            print("- \(Self.milliseconds(query.duration)) ms \(page): \(query.sql.prefix(160).split(whereSeparator: \.isNewline).joined(separator: " "))…")
        }
        print("\nMarked plan lines: \(flagged.count)")
        for (page, line) in flagged { print("- \(page): \(line)") }
    }

    /// A full scan of a table, or a sort the engine must do itself.
    static func isWarning(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("SCAN ") && !text.contains(" USING ") && !text.hasPrefix("SCAN CONSTANT ROW") { return true }
        if text.contains("USE TEMP B-TREE FOR ORDER BY") { return true }
        if text.contains("Seq Scan on ") { return true }
        if text.hasPrefix("->  Sort ") || text.hasPrefix("Sort ") { return true }
        return false
    }

    static func milliseconds(_ duration: Duration) -> String {
        let parts = duration.components
        return String(format: "%.2f", Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15)
    }

    /// Every kind of public page, with items picked from the database: the busiest member, a
    /// translated resource, an upcoming and a past event, an open vacancy.
    static func pages(_ database: any Database) async throws -> [String] {
        let now = Date().epochSeconds
        let visible: SQLQueryString = "x.status IN ('published', 'scheduled') AND COALESCE(x.publish_at, 0) <= \(bind: now)"
        func first(_ query: SQLQueryString, _ column: String = "slug") async throws -> String? {
            try await database.read { sql in try await sql.raw(query).first()?.decode(column: column, as: String.self) }
        }
        let resource = try await first("""
            SELECT x.slug FROM resources x WHERE \(visible) AND x.lang = 'en' AND EXISTS (SELECT 1 FROM resources t
            WHERE t.translation_group = x.translation_group AND t.lang = 'fr') ORDER BY x.id DESC LIMIT 1
            """) ?? "missing"
        let upcoming = try await first("SELECT x.slug FROM events x WHERE \(visible) AND x.lang = 'en' AND x.starts_at > \(bind: now) ORDER BY x.starts_at LIMIT 1") ?? "missing"
        let past = try await first("SELECT x.slug FROM events x WHERE \(visible) AND x.lang = 'en' AND x.ends_at < \(bind: now) ORDER BY x.starts_at DESC LIMIT 1") ?? "missing"
        let series = try await first("""
            SELECT x.slug FROM event_series x WHERE \(visible) AND x.lang = 'en'
            ORDER BY (SELECT COUNT(*) FROM events e WHERE e.series_id = x.id) DESC LIMIT 1
            """) ?? "missing"
        let vacancy = try await first("SELECT x.slug FROM vacancies x WHERE \(visible) AND x.lang = 'en' AND x.deadline_at > \(bind: now) LIMIT 1") ?? "missing"
        let post = try await first("SELECT x.slug FROM blog_posts x WHERE \(visible) AND x.lang = 'en' ORDER BY x.publish_at DESC LIMIT 1") ?? "missing"
        let member = try await first("""
            SELECT x.slug FROM organisations x WHERE \(visible) AND x.lang = 'en'
            ORDER BY (SELECT COUNT(*) FROM resource_organisations ro WHERE ro.organisation_id = x.id) DESC LIMIT 1
            """) ?? "missing"
        let topic = try await first("SELECT slug FROM topics WHERE parent_id IS NULL ORDER BY id LIMIT 1") ?? "missing"
        let image = try await first("""
            SELECT '/files/' || CAST(f.id AS TEXT) || '/' || f.name AS path FROM organisations x JOIN media m ON m.id = x.logo_id
            JOIN files f ON f.id = m.file_id WHERE \(visible) ORDER BY x.id LIMIT 1
            """, "path") ?? "/files/1/missing"
        let kind = try await first("SELECT kind AS slug FROM resources GROUP BY kind ORDER BY COUNT(*) DESC LIMIT 1") ?? "report"
        return [
            "/", "/fr/", "/facts", "/about", "/about/people", "/affiliates", "/privacy",
            "/resources", "/resources?page=100", "/resources?kind=\(kind)&topic=\(topic)", "/fr/resources?kind=\(kind)&language=fr",
            "/resources?q=bogota", "/resources/\(resource)", "/fr/resources/\(resource)", "/resources/\(resource)/cite.bib",
            "/events", "/events/past", "/events/\(upcoming)", "/events/\(past)", "/events/\(upcoming).ics",
            "/events/series/\(series)", "/vacancies", "/vacancies/\(vacancy)",
            "/blog", "/blog?page=50", "/blog/\(post)", "/blog/topics/\(topic)",
            "/members", "/members?kind=ngo", "/members/\(member)",
            "/search?q=bogota", "/search?q=safe+routes+to+school",
            "/feed.xml", "/resources/feed.xml", "/events/feed.xml", "/blog/feed.xml", image,
        ]
    }
}
