@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@Suite struct SignInThrottlingTests {
    static func attempt(_ client: some TestClientProtocol, email: String, password: String, from address: String) async throws -> TestResponse {
        var headers = Browser.form
        headers[.xForwardedFor] = address
        let encoded = password.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        return try await client.execute(uri: "/admin/login", method: .post, headers: headers,
                                        body: ByteBuffer(string: "email=\(email)&password=\(encoded)"))
    }

    @Test(arguments: TestDatabases.engines)
    func failuresFromAnAttackersAddressNeverStopTheOwnerSigningInFromTheirs(engine: Engine) async throws {
        try await TestApp.run(engine, adjust: { $0.configuration.trustForwardedFor = true }) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            for _ in 0..<8 {
                _ = try await Self.attempt(client, email: "editor%40c4c.test", password: "guess", from: "203.0.113.9")
            }
            let attacker = try await Self.attempt(client, email: "editor%40c4c.test", password: Browser.password, from: "203.0.113.9")
            #expect(attacker.status == .tooManyRequests, "the guessing address waits, even with the right password")
            #expect(attacker.headers[.retryAfter] != nil)
            let owner = try await Self.attempt(client, email: "editor%40c4c.test", password: Browser.password, from: "198.51.100.7")
            #expect(owner.status == .seeOther, "the owner, from their own address, signs in")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anAccountAttackedFromManyAddressesIsSlowedButNeverLocked(engine: Engine) async throws {
        let pauses = Mutex<[Duration]>([])
        try await TestApp.run(engine, adjust: { dependencies in
            dependencies.configuration.trustForwardedFor = true
            dependencies.pause = { duration in pauses.withLock { $0.append(duration) } }
        }) { client, database async throws in
            try await BackOfficeTests.makeUsers(database)
            for attacker in 1...30 {
                let response = try await Self.attempt(client, email: "editor%40c4c.test", password: "guess", from: "203.0.113.\(attacker)")
                #expect(response.status == .unauthorized)
            }
            let owner = try await Self.attempt(client, email: "editor%40c4c.test", password: Browser.password, from: "198.51.100.7")
            #expect(owner.status == .seeOther, "thirty addresses guessing do not lock the owner out")
            let recorded = pauses.withLock { $0 }
            #expect(recorded.prefix(LoginAttemptQueries.slowAfter).allSatisfy { $0 == .zero }, "the first failures are not slowed")
            #expect(recorded.last == LoginAttemptQueries.longestPause, "after many failures each attempt waits the longest pause")
        }
    }

    @Test func thePauseGrowsWithFailuresAndStopsAtTheLongest() {
        #expect(LoginAttemptQueries.pause(afterFailures: LoginAttemptQueries.slowAfter - 1) == .zero)
        #expect(LoginAttemptQueries.pause(afterFailures: LoginAttemptQueries.slowAfter) == .seconds(1))
        #expect(LoginAttemptQueries.pause(afterFailures: LoginAttemptQueries.slowAfter + 3) == .seconds(4))
        #expect(LoginAttemptQueries.pause(afterFailures: 500) == LoginAttemptQueries.longestPause)
    }
}
