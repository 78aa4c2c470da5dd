import C4CCore
import Foundation
import SQLKit

/// The mail outbox: a message is a row first, written in the same transaction as whatever caused
/// it; a worker delivers it later, with retries, so no form ever waits on a mail server.
public struct MailQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Message: Sendable, Equatable, RowDecodable {
        public var id: Int64
        public var toAddress: String
        public var subject: String
        public var bodyText: String
        /// `''` when the message is plain text only.
        public var bodyHTML: String
        public var headers: String
        public var status: String
        public var attempts: Int
        public var createdAt: Int64
        public var lastError: String
        /// Read with the message by `claim` and `all`.
        public var attachments: [MailMessage.Attachment] = []

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            toAddress = try row.decode(column: "to_address")
            subject = try row.decode(column: "subject")
            bodyText = try row.decode(column: "body_text")
            bodyHTML = try row.decode(column: "body_html")
            headers = try row.decode(column: "headers")
            status = try row.decode(column: "status")
            attempts = try row.decode(column: "attempts")
            createdAt = try row.decode(column: "created_at")
            lastError = try row.decode(column: "last_error")
        }
    }

    /// What a transport did with a message: handed it to a mail server, or wrote it to a folder.
    public enum Outcome: String, Sendable {
        case sent, written
    }

    static let columns: SQLQueryString = "id, to_address, subject, body_text, body_html, headers, status, attempts, created_at, last_error"

    /// Queues a message inside the caller's transaction: `html`, when given, is the same content
    /// as `body` for readers that show HTML; attachments are stored with it, in order.
    @discardableResult
    public static func enqueue(_ sql: any SQLDatabase, to: String, subject: String, body: String, html: String? = nil,
                               attachments: [MailMessage.Attachment] = [], headers: [String: String] = [:], now: Date) async throws -> Int64 {
        let encodedHeaders = String(decoding: try JSONEncoder().encode(headers), as: UTF8.self)
        let inserter = Inserter(sql)
        let id = try await inserter.insert("mail_outbox", [
            "to_address": to, "subject": subject, "body_text": body, "body_html": html ?? "", "headers": encodedHeaders, "status": "pending",
            "attempts": 0, "next_attempt_at": now.epochSeconds, "created_at": now.epochSeconds,
        ])
        for (position, attachment) in attachments.enumerated() {
            try await inserter.link("mail_attachments", [
                "mail_id": id, "position": position, "filename": attachment.filename, "content_type": attachment.contentType,
                "bytes": Data(attachment.data),
            ])
        }
        return id
    }

    /// The attachments of `messages`, read in one query and put in place.
    static func withAttachments(_ messages: [Message], _ sql: any SQLDatabase) async throws -> [Message] {
        guard !messages.isEmpty else { return messages }
        let rows = try await sql.raw("""
            SELECT mail_id, filename, content_type, bytes FROM mail_attachments
            WHERE mail_id IN (\(binds: messages.map(\.id))) ORDER BY mail_id, position
            """).all()
        var byMessage: [Int64: [MailMessage.Attachment]] = [:]
        for row in rows {
            let bytes = try row.decode(column: "bytes", as: Data.self)
            byMessage[try row.decode(column: "mail_id", as: Int64.self), default: []].append(MailMessage.Attachment(
                filename: try row.decode(column: "filename"), contentType: try row.decode(column: "content_type"), data: Array(bytes)))
        }
        return messages.map { message in
            var message = message
            message.attachments = byMessage[message.id] ?? []
            return message
        }
    }

    /// Queues a message to a user's own address; the same statement queues nothing when `userID` is nil.
    static func enqueue(_ sql: any SQLDatabase, toUser userID: Int64?, subject: String, body: String, now: Date) async throws {
        try await sql.raw("""
            INSERT INTO mail_outbox (to_address, subject, body_text, headers, status, attempts, next_attempt_at, created_at)
            SELECT email, \(bind: subject), \(bind: body), '{}', 'pending', 0, \(bind: now.epochSeconds), \(bind: now.epochSeconds)
            FROM users WHERE id = \(bind: userID)
            """).run()
    }

    /// Takes up to `limit` due messages for `worker` until `now + lease`: no other worker takes them
    /// meanwhile, and if this one dies they are due again once the lease has run out. PostgreSQL
    /// skips rows another worker is claiming at the same moment; SQLite's single writer takes turns.
    public func claim(worker: String, now: Date, lease: TimeInterval = 600, limit: Int = 20) async throws -> [Message] {
        let lock: SQLQueryString = database.engine == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        let claimed: [Message] = try await database.write { sql in
            let claimed: [Message] = try await sql.rows("""
                UPDATE mail_outbox SET claimed_by = \(bind: worker), claimed_until = \(bind: now.addingTimeInterval(lease).epochSeconds)
                WHERE id IN (
                    SELECT id FROM mail_outbox
                    WHERE status = 'pending' AND next_attempt_at <= \(bind: now.epochSeconds)
                    AND (claimed_until IS NULL OR claimed_until < \(bind: now.epochSeconds))
                    ORDER BY id LIMIT \(literal: limit) \(lock)
                )
                RETURNING \(Self.columns)
                """)
            return try await Self.withAttachments(claimed, sql)
        }
        return claimed.sorted { $0.id < $1.id }
    }

    public func markDelivered(id: Int64, outcome: Outcome, now: Date) async throws {
        try await database.write { sql in
            try await sql.raw("""
                UPDATE mail_outbox SET status = \(bind: outcome.rawValue), sent_at = \(bind: now.epochSeconds), attempts = attempts + 1,
                claimed_by = NULL, claimed_until = NULL WHERE id = \(bind: id)
                """).run()
        }
    }

    /// Tries again later, waiting longer each time; gives up after `maximumAttempts`, or at once
    /// when the refusal is `permanent` (the server said no to this message for good).
    public func markFailed(id: Int64, attempts: Int, error: String, now: Date, maximumAttempts: Int = 8, permanent: Bool = false) async throws {
        let next = attempts + 1
        let delay = Int64(60 * (1 << min(next, 10)))
        try await database.write { sql in
            try await sql.raw("""
                UPDATE mail_outbox SET attempts = \(bind: next), last_error = \(bind: String(error.prefix(500))),
                status = \(bind: permanent || next >= maximumAttempts ? "failed" : "pending"), next_attempt_at = \(bind: now.epochSeconds + delay),
                claimed_by = NULL, claimed_until = NULL
                WHERE id = \(bind: id)
                """).run()
        }
    }

    public func all() async throws -> [Message] {
        try await database.read { sql in
            try await Self.withAttachments(try await sql.rows("SELECT \(Self.columns) FROM mail_outbox ORDER BY id"), sql)
        }
    }

    /// A message the back office shows: failed, or still being retried after an error.
    public struct Troubled: Sendable, Equatable, RowDecodable {
        public var id: Int64
        public var toAddress: String
        public var subject: String
        public var status: String
        public var attempts: Int
        public var lastError: String
        public var createdAt: Int64
        public var nextAttemptAt: Int64

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            toAddress = try row.decode(column: "to_address")
            subject = try row.decode(column: "subject")
            status = try row.decode(column: "status")
            attempts = try row.decode(column: "attempts")
            lastError = try row.decode(column: "last_error")
            createdAt = try row.decode(column: "created_at")
            nextAttemptAt = try row.decode(column: "next_attempt_at")
        }
    }

    /// Failed messages and pending ones whose last try went wrong, newest first.
    /// How many messages the outbox holds in each status.
    public func countsByStatus() async throws -> [String: Int] {
        try await database.read { sql in
            var counts: [String: Int] = [:]
            for row in try await sql.raw("SELECT status, COUNT(*) AS n FROM mail_outbox GROUP BY status").all() {
                counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    public func troubled(limit: Int = 200) async throws -> [Troubled] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT id, to_address, subject, status, attempts, last_error, created_at, next_attempt_at FROM mail_outbox
                WHERE status = 'failed' OR (status = 'pending' AND last_error <> '')
                ORDER BY id DESC LIMIT \(literal: limit)
                """)
        }
    }

    /// Makes a failed or retrying message due now, with a fresh round of tries, and records who
    /// asked. False when there is no such message (sent meanwhile, never troubled, or being sent
    /// by a worker at this moment: releasing its claim could send it twice).
    public func retry(id: Int64, userID: Int64, now: Date) async throws -> Bool {
        try await database.write { sql in
            let retried = try await sql.raw("""
                UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = \(bind: now.epochSeconds),
                claimed_by = NULL, claimed_until = NULL
                WHERE id = \(bind: id) AND (status = 'failed' OR (status = 'pending' AND last_error <> ''))
                AND (claimed_until IS NULL OR claimed_until < \(bind: now.epochSeconds))
                RETURNING to_address
                """).first()
            guard let retried else { return false }
            try await AuditQueries.record(sql, userID: userID, action: "retry-mail", itemType: "mail", itemID: id,
                                          summary: "Mail to \(try retried.decode(column: "to_address", as: String.self)) queued again", now: now)
            return true
        }
    }
}

/// Password reset links: the token is only in the email; the row keeps its hash and expiry.
public struct PasswordResetQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public static let lifetime: TimeInterval = 3600

    /// How many reset mails one account receives, and how many requests one address makes, per `window`.
    public struct Limits: Sendable {
        public var mailsPerAccount = 3
        public var requestsPerAddress = 10
        public var window: TimeInterval = 3600

        public init() {}
    }

    /// Records the request and, when the address belongs to an active user and neither limit is
    /// reached, voids the user's older links, stores the new one and queues the email, together.
    /// Every request runs the same statements, whether the account exists or a limit is hit, so
    /// neither the answer nor its timing tells anyone which it was.
    /// The mail is written in the account's own back-office language (`subject` and `body` are
    /// asked for it), whatever the browser that asked.
    public func request(email: String, address: String, link: (String) -> String, subject: (Language) -> String,
                        body: (Language, String) -> String, now: Date, limits: Limits = Limits()) async throws {
        let token = Tokens.random()
        // Written for every language before the transaction: the account's is known only inside it.
        let mails = Dictionary(uniqueKeysWithValues: Language.allCases.map { ($0, (subject: subject($0), body: body($0, link(token)))) })
        let email = email.lowercased()
        let since = now.addingTimeInterval(-limits.window).epochSeconds
        let engine = database.engine
        try await database.write { sql in
            if engine == .postgres {
                // Counting and recording in one turn keeps simultaneous requests within the limits.
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run()
            }
            try await sql.raw("DELETE FROM password_reset_requests WHERE requested_at <= \(bind: since)").run()
            let row = try await sql.raw("""
                SELECT (SELECT id FROM users WHERE email = \(bind: email) AND disabled = FALSE) AS user_id,
                (SELECT language FROM users WHERE email = \(bind: email) AND disabled = FALSE) AS language,
                (SELECT COUNT(*) FROM password_reset_requests WHERE address = \(bind: address)) AS from_address,
                (SELECT COUNT(*) FROM password_reset_requests WHERE email = \(bind: email) AND mailed = TRUE) AS to_account
                """).first()
            let userID = try row?.decode(column: "user_id", as: Int64?.self)
            let language = try row?.decode(column: "language", as: String?.self).flatMap(Language.init(rawValue:)) ?? .default
            let fromAddress = try row?.decode(column: "from_address", as: Int.self) ?? 0
            let toAccount = try row?.decode(column: "to_account", as: Int.self) ?? 0
            let allowed = fromAddress < limits.requestsPerAddress && toAccount < limits.mailsPerAccount
            let recipient = allowed ? userID : nil
            try await sql.raw("""
                INSERT INTO password_reset_requests (address, email, mailed, requested_at)
                VALUES (\(bind: address), \(bind: email), \(bind: recipient != nil), \(bind: now.epochSeconds))
                """).run()
            try await sql.raw("UPDATE password_resets SET used_at = \(bind: now.epochSeconds) WHERE user_id = \(bind: recipient) AND used_at IS NULL").run()
            try await sql.raw("""
                INSERT INTO password_resets (token_hash, user_id, expires_at)
                SELECT \(bind: Tokens.hash(token)), id, \(bind: now.addingTimeInterval(Self.lifetime).epochSeconds) FROM users WHERE id = \(bind: recipient)
                """).run()
            let mail = mails[language] ?? mails[.default]!
            try await MailQueries.enqueue(sql, toUser: recipient, subject: mail.subject, body: mail.body, now: now)
        }
    }

    private static let lockKey = 4_242_018

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
