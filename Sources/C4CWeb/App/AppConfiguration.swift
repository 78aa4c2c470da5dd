import C4CStore
import Foundation
import SMTP

/// Everything the server reads from its environment, read once at start.
public struct AppConfiguration: Sendable {
    public var hostname: String
    public var port: Int
    public var database: DatabaseLocation
    /// The address visitors use, for canonical links, feeds and emails.
    public var publicURL: String
    /// Seed the demo content when the database is empty.
    public var seedDemo: Bool
    /// The folder holding `Resources/Templates`, `Resources/Catalog` and `Public`.
    public var rootDirectory: URL
    /// Send `Strict-Transport-Security` and `Secure` cookies: set when served behind TLS.
    public var behindTLS: Bool
    /// Take the visitor's address from `X-Forwarded-For`: set only behind a proxy that writes it.
    public var trustForwardedFor: Bool = false
    /// Where outgoing mail is written, one `.eml` file a message, when no mail server is configured.
    public var mailDirectory = URL(fileURLWithPath: "mail-outbox")
    /// The mail server outgoing mail is sent to (`C4C_SMTP_URL`, with `C4C_SMTP_CA_FILE` for a
    /// private CA); nil writes mail to `mailDirectory` instead.
    public var smtp: SMTPConfiguration?
    /// At most this many messages a minute from each instance (`C4C_MAIL_PER_MINUTE`); nil is unpaced.
    public var mailPerMinute: Int?
    /// Keep public pages in memory (`C4C_PAGE_CACHE=off` switches it off, for benchmarks).
    public var pageCache = true
    /// The page cache's bound in bytes (`C4C_PAGE_CACHE_MB`, 64 by default).
    public var pageCacheBytes = 64 * 1_048_576
    /// Requests a minute one address may make to `/api/` on each instance (`C4C_API_RATE_LIMIT`).
    public var apiRequestsPerMinute = 300
    /// Opens `/metrics` beyond this machine to `Authorization: Bearer <token>` (`C4C_METRICS_TOKEN`).
    public var metricsToken: String?
    /// Fail a page whose template names a field its view model lacks (`C4C_STRICT_TEMPLATES=1`):
    /// for the browser tests' server; tests of the app turn it on themselves.
    public var strictTemplates = false
    /// Time every render, and the same page rendered by reflection, in the log (`C4C_RENDER_PROFILE=1`): for bench/run.
    public var renderProfile = false
    /// The most addresses one sitemap file lists before `/sitemap.xml` becomes an index (tests lower it).
    public var sitemapPageSize = 50_000

    public init(hostname: String = "127.0.0.1", port: Int = 8080, database: DatabaseLocation = .defaultSQLite,
                publicURL: String? = nil, seedDemo: Bool = true, rootDirectory: URL? = nil, behindTLS: Bool = false) throws {
        self.hostname = hostname
        self.port = port
        self.database = database
        self.publicURL = (publicURL ?? "http://\(hostname):\(port)").trimmingSuffix("/")
        self.seedDemo = seedDemo
        self.rootDirectory = try rootDirectory ?? ResourceLocator.find()
        self.behindTLS = behindTLS
    }

    /// Reads `DATABASE_URL`, `C4C_PUBLIC_URL`, `C4C_SEED_DEMO` (`0` skips the demo content),
    /// `C4C_ROOT`, `C4C_BEHIND_TLS`, `C4C_TRUST_PROXY`, `C4C_MAIL_DIR`, `C4C_SMTP_URL`, `C4C_SMTP_CA_FILE`, `C4C_MAIL_PER_MINUTE`,
    /// `C4C_PAGE_CACHE`, `C4C_PAGE_CACHE_MB`, `C4C_API_RATE_LIMIT` and `C4C_METRICS_TOKEN`. A mail server URL that cannot be read stops the start.
    public static func fromEnvironment(hostname: String, port: Int,
                                       environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        var configuration = try AppConfiguration(
            hostname: hostname,
            port: port,
            database: DatabaseLocation(databaseURL: environment["DATABASE_URL"]),
            publicURL: environment["C4C_PUBLIC_URL"],
            seedDemo: !["0", "false", "no"].contains(environment["C4C_SEED_DEMO"]?.lowercased() ?? ""),
            rootDirectory: environment["C4C_ROOT"].map { URL(fileURLWithPath: $0) },
            behindTLS: ["1", "true", "yes"].contains(environment["C4C_BEHIND_TLS"]?.lowercased() ?? "")
        )
        configuration.trustForwardedFor = ["1", "true", "yes"].contains(environment["C4C_TRUST_PROXY"]?.lowercased() ?? "")
        configuration.renderProfile = ["1", "true", "yes"].contains(environment["C4C_RENDER_PROFILE"]?.lowercased() ?? "")
        configuration.strictTemplates = ["1", "true", "yes"].contains(environment["C4C_STRICT_TEMPLATES"]?.lowercased() ?? "")
        if let folder = environment["C4C_MAIL_DIR"], !folder.isEmpty { configuration.mailDirectory = URL(fileURLWithPath: folder) }
        if let url = environment["C4C_SMTP_URL"], !url.isEmpty {
            let caFile = environment["C4C_SMTP_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
            configuration.smtp = try SMTPConfiguration(url: url, clientName: URL(string: configuration.publicURL)?.host ?? "localhost",
                                                       extraTrustedCertificates: caFile)
        }
        if let rate = environment["C4C_MAIL_PER_MINUTE"].flatMap(Int.init), rate > 0 { configuration.mailPerMinute = rate }
        configuration.pageCache = !["off", "0", "false", "no"].contains(environment["C4C_PAGE_CACHE"]?.lowercased() ?? "")
        if let megabytes = environment["C4C_PAGE_CACHE_MB"].flatMap(Int.init), megabytes > 0 {
            configuration.pageCacheBytes = megabytes * 1_048_576
        }
        if let token = environment["C4C_METRICS_TOKEN"], !token.isEmpty { configuration.metricsToken = token }
        if let limit = environment["C4C_API_RATE_LIMIT"].flatMap(Int.init), limit > 0 { configuration.apiRequestsPerMinute = limit }
        return configuration
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var result = self
        while result.hasSuffix(suffix) { result.removeLast(suffix.count) }
        return result
    }
}
