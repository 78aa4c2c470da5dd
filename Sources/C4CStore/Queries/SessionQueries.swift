import C4CCore
import Crypto
import Foundation
import SQLKit

/// A signed-in user as the back office sees them.
public struct SignedInUser: Sendable, Equatable, RowDecodable {
    public var id: Int64
    public var email: String
    public var name: String
    public var role: String
    public var organisationId: Int64?
    public var csrfToken: String
    /// The language they chose for the back office.
    public var language: Language

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id")
        email = try row.decode(column: "email")
        name = try row.decode(column: "name")
        role = try row.decode(column: "role")
        organisationId = try row.decode(column: "organisation_id")
        csrfToken = try row.decode(column: "csrf_token")
        language = Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .default
    }

    public var roleValue: Role? { Role(rawValue: role) }
}

/// Back-office sessions: created at sign-in, found by the cookie's token, sliding expiry.
public struct SessionQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public static let lifetime: TimeInterval = 8 * 3600

    /// Creates a session and returns the token for the cookie; only its hash is stored.
    public func create(userID: Int64, now: Date) async throws -> String {
        let token = Tokens.random()
        try await database.write { sql in
            // Sign-in is rare enough to carry the clean-up of sessions that ran out.
            try await sql.raw("DELETE FROM sessions WHERE expires_at <= \(bind: now.epochSeconds)").run()
            try await Inserter(sql).link("sessions", [
                "id": Tokens.hash(token), "user_id": userID, "csrf_token": Tokens.random(),
                "created_at": now.epochSeconds, "last_seen_at": now.epochSeconds,
                "expires_at": now.addingTimeInterval(Self.lifetime).epochSeconds,
            ])
        }
        return token
    }

    /// The user behind a token, if the session is alive and the user not disabled; extends it.
    public func user(token: String, now: Date) async throws -> SignedInUser? {
        let id = Tokens.hash(token)
        guard let user: SignedInUser = try await database.read({ sql in
            try await sql.row("""
                SELECT u.id, u.email, u.name, u.role, u.organisation_id, u.language, s.csrf_token FROM sessions s
                JOIN users u ON u.id = s.user_id
                WHERE s.id = \(bind: id) AND s.expires_at > \(bind: now.epochSeconds) AND u.disabled = FALSE
                """)
        }) else { return nil }
        // Slide the expiry at most once a minute, so reading pages does not mean a write each time.
        try await database.write { sql in
            try await sql.raw("""
                UPDATE sessions SET last_seen_at = \(bind: now.epochSeconds), expires_at = \(bind: now.addingTimeInterval(Self.lifetime).epochSeconds)
                WHERE id = \(bind: id) AND last_seen_at < \(bind: now.epochSeconds - 60)
                """).run()
        }
        return user
    }

    public func delete(token: String) async throws {
        try await database.write { sql in
            try await sql.raw("DELETE FROM sessions WHERE id = \(bind: Tokens.hash(token))").run()
        }
    }

    /// Signs the user out on every device.
    public func deleteAll(userID: Int64) async throws {
        try await database.write { sql in
            try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: userID)").run()
        }
    }

    public func count(userID: Int64, now: Date) async throws -> Int {
        try await database.read { sql in
            try await sql.count("SELECT COUNT(*) AS n FROM sessions WHERE user_id = \(bind: userID) AND expires_at > \(bind: now.epochSeconds)")
        }
    }
}

/// Recent sign-in failures. Guessing is stopped per address and per account from one address,
/// so failures from an attacker's address never lock the real user out from theirs; an account
/// attacked from many addresses is slowed down, never locked.
public struct LoginAttemptQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public static let window: TimeInterval = 15 * 60
    /// Failures for one account from one address before that pair waits.
    public static let perAccountAndAddress = 5
    /// Failures from one address, whatever the accounts, before it waits.
    public static let perAddress = 20
    /// Failures for one account from all addresses before each attempt on it is slowed.
    public static let slowAfter = 10
    public static let longestPause: Duration = .seconds(10)

    public func record(email: String, address: String, succeeded: Bool, now: Date) async throws {
        try await database.write { sql in
            try await Inserter(sql).insert("login_attempts", [
                "email": email.lowercased(), "address": address, "succeeded": succeeded, "at": now.epochSeconds,
            ])
            if succeeded {
                // A successful sign-in forgives the failures made from the same address.
                try await sql.raw("""
                    DELETE FROM login_attempts WHERE email = \(bind: email.lowercased()) AND address = \(bind: address) AND succeeded = FALSE
                    """).run()
            }
            try await sql.raw("DELETE FROM login_attempts WHERE at < \(bind: now.addingTimeInterval(-86_400).epochSeconds)").run()
        }
    }

    private struct Failures: RowDecodable {
        var n: Int
        var latest: Int64?

        init(row: any SQLRow) throws {
            n = try row.decode(column: "n")
            latest = try row.decode(column: "latest")
        }
    }

    /// When the next attempt from this address for this account may be made, or nil for now.
    public func blockedUntil(email: String, address: String, now: Date) async throws -> Date? {
        let since = now.addingTimeInterval(-Self.window).epochSeconds
        return try await database.read { sql in
            let pair: Failures? = try await sql.row("""
                SELECT COUNT(*) AS n, MAX(at) AS latest FROM login_attempts
                WHERE email = \(bind: email.lowercased()) AND address = \(bind: address) AND succeeded = FALSE AND at >= \(bind: since)
                """)
            let fromAddress: Failures? = try await sql.row("""
                SELECT COUNT(*) AS n, MAX(at) AS latest FROM login_attempts
                WHERE address = \(bind: address) AND succeeded = FALSE AND at >= \(bind: since)
                """)
            for (row, limit) in [(pair, Self.perAccountAndAddress), (fromAddress, Self.perAddress)] {
                if let row, row.n >= limit, let latest = row.latest {
                    return Date(epochSeconds: latest).addingTimeInterval(Self.window)
                }
            }
            return nil
        }
    }

    /// How long to hold an attempt on this account before answering: growing with the failures
    /// from every address, up to `longestPause`.
    public func pause(email: String, now: Date) async throws -> Duration {
        let since = now.addingTimeInterval(-Self.window).epochSeconds
        let failures = try await database.read { sql in
            try await sql.count("""
                SELECT COUNT(*) AS n FROM login_attempts WHERE email = \(bind: email.lowercased()) AND succeeded = FALSE AND at >= \(bind: since)
                """)
        }
        return Self.pause(afterFailures: failures)
    }

    public static func pause(afterFailures failures: Int) -> Duration {
        guard failures >= slowAfter else { return .zero }
        return min(.seconds(failures - slowAfter + 1), longestPause)
    }
}

/// Random tokens for sessions, CSRF and links sent by email, and their stored hashes.
public enum Tokens {
    public static func random(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two secrets in time that does not depend on where they differ.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
