import C4CCore
import Foundation
import SQLKit

/// The mail outbox: a message is a row first, written in the same transaction as whatever caused
/// it; a worker delivers it later, with retries, so no form ever waits on a mail server.
public struct MailQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Message: Sendable, Decodable, Equatable {
        public var id: Int64
        public var toAddress: String
        public var subject: String
        public var bodyText: String
        public var headers: String
        public var attempts: Int
    }

    /// Queues a message inside the caller's transaction.
    public static func enqueue(_ sql: any SQLDatabase, to: String, subject: String, body: String, headers: [String: String] = [:],
                               now: Date) async throws {
        let encodedHeaders = String(decoding: try JSONEncoder().encode(headers), as: UTF8.self)
        try await Inserter(sql).insert("mail_outbox", [
            "to_address": to, "subject": subject, "body_text": body, "headers": encodedHeaders, "status": "pending",
            "attempts": 0, "next_attempt_at": now.epochSeconds, "created_at": now.epochSeconds,
        ])
    }

    public func due(now: Date, limit: Int = 20) async throws -> [Message] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT id, to_address, subject, body_text, headers, attempts FROM mail_outbox
                WHERE status = 'pending' AND next_attempt_at <= \(bind: now.epochSeconds) ORDER BY id LIMIT \(literal: limit)
                """)
        }
    }

    public func markSent(id: Int64, now: Date) async throws {
        try await database.write { sql in
            try await sql.raw("UPDATE mail_outbox SET status = 'sent', sent_at = \(bind: now.epochSeconds), attempts = attempts + 1 WHERE id = \(bind: id)").run()
        }
    }

    /// Tries again later, waiting longer each time; gives up after `maximumAttempts`.
    public func markFailed(id: Int64, attempts: Int, error: String, now: Date, maximumAttempts: Int = 8) async throws {
        let next = attempts + 1
        let delay = Int64(60 * (1 << min(next, 10)))
        try await database.write { sql in
            try await sql.raw("""
                UPDATE mail_outbox SET attempts = \(bind: next), last_error = \(bind: String(error.prefix(500))),
                status = \(bind: next >= maximumAttempts ? "failed" : "pending"), next_attempt_at = \(bind: now.epochSeconds + delay)
                WHERE id = \(bind: id)
                """).run()
        }
    }

    public func all() async throws -> [Message] {
        try await database.read { sql in
            try await sql.rows("SELECT id, to_address, subject, body_text, headers, attempts FROM mail_outbox ORDER BY id")
        }
    }
}

/// Password reset links: the token is only in the email; the row keeps its hash and expiry.
public struct PasswordResetQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public static let lifetime: TimeInterval = 3600

    /// When the address belongs to an active user, stores a reset and queues the email, together.
    public func request(email: String, link: (String) -> String, subject: String, body: (String) -> String, now: Date) async throws {
        let token = Tokens.random()
        let url = link(token)
        let text = body(url)
        try await database.write { sql in
            guard let row = try await sql.raw("SELECT id FROM users WHERE email = \(bind: email.lowercased()) AND disabled = FALSE").first() else { return }
            let userID = try row.decode(column: "id", as: Int64.self)
            try await sql.raw("""
                INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES
                (\(bind: Tokens.hash(token)), \(bind: userID), \(bind: now.addingTimeInterval(Self.lifetime).epochSeconds))
                """).run()
            try await MailQueries.enqueue(sql, to: email.lowercased(), subject: subject, body: text, now: now)
        }
    }

    /// The user a live, unused token belongs to.
    public func user(token: String, now: Date) async throws -> Int64? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT user_id FROM password_resets WHERE token_hash = \(bind: Tokens.hash(token))
                AND used_at IS NULL AND expires_at > \(bind: now.epochSeconds)
                """).first()?.decode(column: "user_id", as: Int64.self)
        }
    }

    /// Sets the new password, spends the token and signs the user out everywhere, at once.
    public func complete(token: String, passwordHash: String, now: Date) async throws -> Bool {
        try await database.write { sql in
            guard let row = try await sql.raw("""
                SELECT user_id FROM password_resets WHERE token_hash = \(bind: Tokens.hash(token))
                AND used_at IS NULL AND expires_at > \(bind: now.epochSeconds)
                """).first() else { return false }
            let userID = try row.decode(column: "user_id", as: Int64.self)
            try await sql.raw("UPDATE users SET password_hash = \(bind: passwordHash), updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: userID)").run()
            try await sql.raw("UPDATE password_resets SET used_at = \(bind: now.epochSeconds) WHERE user_id = \(bind: userID) AND used_at IS NULL").run()
            try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: userID)").run()
            try await AuditQueries.record(sql, userID: userID, action: "reset-password", itemType: "user", itemID: userID,
                                          summary: "Password reset by emailed link", now: now)
            return true
        }
    }
}
