@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import SQLKit
import Testing

/// `/metrics`, request ids and the JSON log lines.
@Suite struct ObservabilityTests {
    static let token = "metrics-token-for-tests"
    static let bearer: HTTPFields = [.authorization: "Bearer \(token)"]

    static func get(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    /// The value of one sample line, `name{labels} value`, in a Prometheus text.
    static func sample(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test(arguments: TestDatabases.engines)
    func metricsCountRequestsByRouteMethodAndStatusCacheAnswersOutboxAndPoolLeases(engine: Engine) async throws {
        try await TestApp.run(engine, adjust: { $0.configuration.metricsToken = Self.token }) { client, database async throws in
            for _ in 0..<3 { _ = try await Self.get(client, "/resources/heat-shade-and-schoolyards") }
            _ = try await Self.get(client, "/no-such-page-at-all")
            // A method a visitor made up is counted, but does not become a series of its own.
            _ = try await client.execute(uri: "/resources/heat-shade-and-schoolyards", method: HTTPRequest.Method("BREW")!)
            let pending = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'pending'").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            let response = try await Self.get(client, "/metrics", headers: Self.bearer)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            #expect(response.headers[.cacheControl] == "no-store")
            let text = response.text
            #expect(Self.sample(text, #"c4c_http_requests_total{route="/resources/{slug}",method="GET",status="200"}"#) == 3)
            #expect(Self.sample(text, #"c4c_http_requests_total{route="/{slug}",method="GET",status="404"}"#) == 1)
            #expect(Self.sample(text, #"c4c_http_request_duration_seconds_count{route="/resources/{slug}"}"#) == 3)
            #expect(Self.sample(text, #"c4c_page_cache_responses_total{result="miss"}"#) == 2, "the resource once, the 404 page once")
            #expect(Self.sample(text, #"c4c_page_cache_responses_total{result="hit"}"#) == 2)
            #expect(Self.sample(text, #"c4c_outbox_messages{status="pending"}"#) == Double(pending))
            #expect((Self.sample(text, "c4c_database_connection_leases_total") ?? 0) > 0 || engine == .sqlite,
                    "every PostgreSQL read leases a connection")
            #expect(text.contains("# TYPE c4c_database_connection_wait_seconds_total counter"))
            #expect(text.contains(#"method="OTHER""#))
            #expect(!text.contains("BREW"))
        }
    }

    @Test(arguments: TestDatabases.engines)
    func metricsAreRefusedWithoutTheTokenOrWithAWrongOne(engine: Engine) async throws {
        try await TestApp.run(engine, adjust: { $0.configuration.metricsToken = Self.token }) { client, _ async throws in
            // The router test client has no peer address: it is not this machine.
            #expect(try await Self.get(client, "/metrics").status == .forbidden)
            #expect(try await Self.get(client, "/metrics", headers: [.authorization: "Bearer wrong"]).status == .forbidden)
            #expect(try await Self.get(client, "/metrics", headers: [.authorization: "Bearer \(Self.token)x"]).status == .forbidden)
            #expect(try await Self.get(client, "/metrics", headers: Self.bearer).status == .ok)
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aScraperOnThisMachineReadsMetricsButAProxiedVisitorDoesNot(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let dependencies = try await AppDependencies.make(configuration: try TestApp.configuration(), database: database,
                                                              clock: .fixed(TestDatabases.referenceNow))
            let app = buildApplication(dependencies, logger: TestDatabases.logger)
            try await app.test(.live) { client async throws in
                #expect(try await client.execute(uri: "/metrics", method: .get).status == .ok)
                let proxied = try await client.execute(uri: "/metrics", method: .get, headers: [.xForwardedFor: "203.0.113.9"])
                #expect(proxied.status == .forbidden)
                #expect(try await client.execute(uri: "/metrics", method: .get, headers: [.forwarded: "for=203.0.113.9"]).status == .forbidden)
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func everyAnswerCarriesARequestIdTheProxysWhenItIsAPlainToken(engine: Engine) async throws {
        try await TestApp.run(engine) { client, _ async throws in
            let fresh = try await Self.get(client, "/")
            let id = try #require(fresh.headers[.xRequestID])
            #expect(id.count == 16 && id.allSatisfy(\.isHexDigit))
            #expect(try await Self.get(client, "/").headers[.xRequestID] != id, "each request its own")
            #expect(try await Self.get(client, "/", headers: [.xRequestID: "nginx-4f2a.9"]).headers[.xRequestID] == "nginx-4f2a.9")
            let forged = try await Self.get(client, "/", headers: [.xRequestID: "a b\"c<script>"]).headers[.xRequestID]
            #expect(forged?.count == 16 && forged?.allSatisfy(\.isHexDigit) == true)
            #expect(try await Self.get(client, "/no-such-page-at-all").headers[.xRequestID] != nil, "error pages too")
        }
    }

    @Test func aJSONLogLineIsOneObjectWithEveryMetadataValueAsAField() throws {
        let time = Date(timeIntervalSince1970: 1_795_000_000.25)
        let line = JSONLogHandler.line(time: time, level: .info, label: "c4c", message: "request \"quoted\"\nsecond line",
                                       metadata: ["request_id": "abc123", "status": .stringConvertible(200),
                                                  "path": "/fr/resources", "list": ["a", "b"]])
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false, "a message's newline stays inside its string")
        let object = try #require(JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["message"] as? String == "request \"quoted\"\nsecond line")
        #expect(object["level"] as? String == "info")
        #expect(object["logger"] as? String == "c4c")
        #expect(object["request_id"] as? String == "abc123")
        #expect(object["status"] as? String == "200")
        #expect(object["path"] as? String == "/fr/resources")
        #expect(object["list"] as? [String] == ["a", "b"])
        #expect(object["time"] as? String == "2026-11-18T11:06:40.250Z")
    }
}
