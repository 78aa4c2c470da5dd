import C4CCore
import C4CStore
import C4CWeb
import Foundation
import Hummingbird
import HummingbirdTesting

/// Builds the real application on a test database with a fixed clock and drives it through the
/// router, without sockets.
public enum TestApp {
    /// The repository root, found from this file's place in it.
    public static let rootDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func configuration() throws -> AppConfiguration {
        try AppConfiguration(hostname: "127.0.0.1", port: 0, publicURL: "http://c4c.test", rootDirectory: rootDirectory)
    }

    /// Runs `body` against the app on a fresh database of `engine`.
    public static func run(
        _ engine: Engine, seeded: Bool = true, now: Date = TestDatabases.referenceNow, clock: WallClock? = nil,
        adjust: (@Sendable (inout AppDependencies) -> Void)? = nil,
        _ body: @escaping @Sendable (any TestClientProtocol, any Database) async throws -> Void
    ) async throws {
        try await TestDatabases.with(engine, seeded: seeded) { database in
            var dependencies = try await AppDependencies.make(configuration: try configuration(), database: database,
                                                              clock: clock ?? .fixed(now))
            dependencies.renderer.strictTemplates = true
            adjust?(&dependencies)
            let app = buildApplication(dependencies, logger: TestDatabases.logger)
            try await app.test(.router) { client in
                try await body(client, database)
            }
        }
    }
}

extension TestResponse {
    public var text: String { String(buffer: body) }
}
