import C4CCore
import Foundation
import SQLKit

/// Messages from the contact form: stored, forwarded to the secretariat through the outbox in the
/// same transaction, and listed for editors until someone marks them handled.
public struct ContactQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct NewMessage: Sendable {
        public var name: String
        public var email: String
        public var subject: String
        public var message: String
        public var language: Language

        public init(name: String, email: String, subject: String, message: String, language: Language) {
            self.name = name
            self.email = email
            self.subject = subject
            self.message = message
            self.language = language
        }
    }

    public struct Message: Sendable, RowDecodable {
        public var id: Int64
        public var name: String
        public var email: String
        public var subject: String
        public var message: String
        public var language: String
        public var handled: Bool
        public var handledAt: Int64?
        public var handledBy: String?
        public var createdAt: Int64

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            name = try row.decode(column: "name")
            email = try row.decode(column: "email")
            subject = try row.decode(column: "subject")
            message = try row.decode(column: "message")
            language = try row.decode(column: "language")
            handled = try row.decode(column: "handled")
            handledAt = try row.decode(column: "handled_at")
            handledBy = try row.decode(column: "handled_by_name")
            createdAt = try row.decode(column: "created_at")
        }
    }

    public enum Outcome: Sendable, Equatable { case stored(id: Int64), limited }

    /// Stores the message and, when the site has a contact address, queues its forward there
    /// (`forward` makes the mail from the stored id), in one transaction: the message is never
    /// forwarded without being kept, nor kept without its forward.
    public func submit(_ message: NewMessage, address: String, forwardTo: String?,
                       forward: @escaping @Sendable (Int64) -> OutgoingMail, now: Date,
                       limit: PublicFormLimit = .contact) async throws -> Outcome {
        let engine = database.engine
        return try await database.write { sql in
            guard try await limit.admit(sql, engine: engine, address: address, now: now) else { return .limited }
            let id = try await Inserter(sql).insert("contact_messages", [
                "name": message.name, "email": message.email, "subject": message.subject, "message": message.message,
                "language": message.language.rawValue, "handled": false, "created_at": now.epochSeconds,
            ])
            if let forwardTo, !forwardTo.isEmpty {
                let mail = forward(id)
                try await MailQueries.enqueue(sql, to: forwardTo, subject: mail.subject, body: mail.body, headers: mail.headers, now: now)
            }
            return .stored(id: id)
        }
    }

    /// Messages newest first; only those not yet handled unless `all`.
    public func list(all: Bool, limit: Int = 200) async throws -> [Message] {
        try await database.read { sql in
            let condition: SQLQueryString = all ? "" : "WHERE m.handled = FALSE"
            return try await sql.rows("""
                SELECT m.id, m.name, m.email, m.subject, m.message, m.language, m.handled, m.handled_at, u.name AS handled_by_name,
                m.created_at FROM contact_messages m LEFT JOIN users u ON u.id = m.handled_by
                \(condition) ORDER BY m.created_at DESC, m.id DESC LIMIT \(literal: limit)
                """)
        }
    }

    public func counts() async throws -> (open: Int, all: Int) {
        try await database.read { sql in
            let row = try await sql.raw("""
                SELECT (SELECT COUNT(*) FROM contact_messages WHERE handled = FALSE) AS open, (SELECT COUNT(*) FROM contact_messages) AS total
                """).first()
            return (try row?.decode(column: "open", as: Int.self) ?? 0, try row?.decode(column: "total", as: Int.self) ?? 0)
        }
    }

    /// Marks a message handled by a user; false when there is no such message. Marking it again
    /// keeps who handled it first.
    public func markHandled(id: Int64, userID: Int64, now: Date) async throws -> Bool {
        try await database.write { sql in
            guard try await sql.count("SELECT COUNT(*) AS n FROM contact_messages WHERE id = \(bind: id)") > 0 else { return false }
            try await sql.raw("""
                UPDATE contact_messages SET handled = TRUE, handled_at = \(bind: now.epochSeconds), handled_by = \(bind: userID)
                WHERE id = \(bind: id) AND handled = FALSE
                """).run()
            try await AuditQueries.record(sql, userID: userID, action: "handle", itemType: "contact_messages", itemID: id,
                                          summary: "Contact message marked handled", now: now)
            return true
        }
    }
}
