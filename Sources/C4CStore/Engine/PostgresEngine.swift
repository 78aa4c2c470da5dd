import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through PostgresNIO's `PostgresClient` pool; postgres-kit supplies the SQLKit
/// dialect. The client's run loop lives as long as this engine and ends on `close()`.
public final class PostgresEngine: Database {
    public let engine = Engine.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger: Logger

    private init(client: PostgresClient, runTask: Task<Void, Never>, logger: Logger) {
        self.client = client
        self.runTask = runTask
        self.logger = logger
    }

    /// Starts the client's run loop and returns once it is entering it, so the first lease does
    /// not race it.
    private static func start(_ client: PostgresClient) async -> Task<Void, Never> {
        let (started, signal) = AsyncStream<Void>.makeStream()
        let task = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        return task
    }

    public static func open(url: URL, maximumConnections: Int = 20, logger: Logger) async throws -> PostgresEngine {
        var configuration = try configuration(from: url)
        configuration.options.maximumConnections = maximumConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let engine = PostgresEngine(client: client, runTask: await start(client), logger: logger)
        do {
            try await engine.read { try await $0.raw("SELECT 1").run() }
        } catch {
            try? await engine.close()
            throw error
        }
        return engine
    }

    static func configuration(from url: URL) throws -> PostgresClient.Configuration {
        guard let host = url.host else { throw DatabaseLocationError.unreadable(url.absoluteString) }
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let sslMode = components?.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require", "verify-ca", "verify-full": .require(.makeClientConfiguration())
        default: host == "localhost" || host.hasPrefix("127.") ? .disable : .prefer(.makeClientConfiguration())
        }
        let database = url.path.split(separator: "/").first.map(String.init)
        return PostgresClient.Configuration(
            host: host,
            port: url.port ?? 5432,
            username: url.user?.removingPercentEncoding ?? "postgres",
            password: url.password?.removingPercentEncoding,
            database: database,
            tls: tls
        )
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection.sql(queryLogLevel: nil))
            }
        } catch let error as PostgresTransactionError {
            // Callers see their own error, as on SQLite, once the rollback has succeeded.
            if let closureError = error.closureError, error.rollbackError == nil { throw closureError }
            throw error
        }
    }

    public func close() async throws {
        runTask.cancel()
        await runTask.value
    }
}
