import C4CCore
import Foundation
import SQLKit

/// The editors' view of the mailing list: counts, a searchable list, the export, and removing a
/// person's data on request.
public struct SubscriberListQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Filter: Sendable {
        /// Part of an address, any case.
        public var email: String
        /// `pending`, `confirmed`, `unsubscribed`, or empty for all.
        public var status: String

        public init(email: String = "", status: String = "") {
            self.email = email
            self.status = ["pending", "confirmed", "unsubscribed"].contains(status) ? status : ""
        }
    }

    public struct Row: Sendable {
        public var subscriber: MailingListQueries.Subscriber
        /// Topic names, in name order.
        public var topics: [String]
    }

    /// Subscribers by status.
    public func counts() async throws -> [String: Int] {
        try await database.read { sql in
            var counts: [String: Int] = [:]
            for row in try await sql.raw("SELECT status, COUNT(*) AS n FROM subscribers GROUP BY status").all() {
                counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }

    /// Subscribers matching the filter, newest first, `limit` from `offset`; nil limit for all.
    public func list(_ filter: Filter, limit: Int? = nil, offset: Int = 0) async throws -> (rows: [Row], total: Int) {
        try await database.read { sql in
            var conditions: [SQLQueryString] = []
            if !filter.email.isEmpty {
                // LIKE's own characters in the search are taken literally.
                let pattern = filter.email.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
                    .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                conditions.append("s.email LIKE \(bind: "%" + pattern + "%") ESCAPE '\\'")
            }
            if !filter.status.isEmpty { conditions.append("s.status = \(bind: filter.status)") }
            let whereClause: SQLQueryString = conditions.isEmpty ? "" : "WHERE " + conditions.joined(" AND ")
            let total = try await sql.count("SELECT COUNT(*) AS n FROM subscribers s \(whereClause)")
            let page: SQLQueryString = limit.map { "LIMIT \(literal: $0) OFFSET \(literal: offset)" } ?? ""
            let subscribers = try await sql.rows("""
                SELECT \(MailingListQueries.columns) FROM subscribers s \(whereClause) ORDER BY s.created_at DESC, s.id DESC \(page)
                """, as: MailingListQueries.Subscriber.self)
            guard !subscribers.isEmpty else { return ([], total) }
            var topics: [Int64: [String]] = [:]
            for batch in stride(from: 0, to: subscribers.count, by: 500).map({ Array(subscribers[$0..<min($0 + 500, subscribers.count)]) }) {
                for row in try await sql.raw("""
                    SELECT st.subscriber_id, t.name FROM subscriber_topics st JOIN topics t ON t.id = st.topic_id
                    WHERE st.subscriber_id IN (\(binds: batch.map(\.id))) ORDER BY t.name
                    """).all() {
                    topics[try row.decode(column: "subscriber_id", as: Int64.self), default: []].append(try row.decode(column: "name", as: String.self))
                }
            }
            return (subscribers.map { Row(subscriber: $0, topics: topics[$0.id] ?? []) }, total)
        }
    }

    public func subscriber(id: Int64) async throws -> Row? {
        try await database.read { sql in
            guard let subscriber = try await sql.row("SELECT \(MailingListQueries.columns) FROM subscribers s WHERE s.id = \(bind: id)",
                                                     as: MailingListQueries.Subscriber.self) else { return nil }
            let topics = try await sql.raw("""
                SELECT t.name FROM subscriber_topics st JOIN topics t ON t.id = st.topic_id WHERE st.subscriber_id = \(bind: id) ORDER BY t.name
                """).all().map { try $0.decode(column: "name", as: String.self) }
            return Row(subscriber: subscriber, topics: topics)
        }
    }

    /// Removes a person's data on request: their row (with its topics and tokens) and every
    /// message to them still waiting in the outbox. The audit entry names the row's number, not
    /// the address: the log must not keep what was asked to be forgotten. False when there is no
    /// such subscriber.
    public func remove(id: Int64, userID: Int64, now: Date) async throws -> Bool {
        try await database.write { sql in
            guard let row = try await sql.raw("SELECT email FROM subscribers WHERE id = \(bind: id)").first() else { return false }
            let email = try row.decode(column: "email", as: String.self)
            let mail = try await sql.count("""
                SELECT COUNT(*) AS n FROM mail_outbox WHERE LOWER(to_address) = \(bind: email) AND status = 'pending'
                """)
            try await sql.raw("DELETE FROM mail_outbox WHERE LOWER(to_address) = \(bind: email) AND status = 'pending'").run()
            try await sql.raw("DELETE FROM subscribers WHERE id = \(bind: id)").run()
            try await AuditQueries.record(sql, userID: userID, action: "remove-data", itemType: "subscribers", itemID: id,
                                          summary: "Subscriber's data removed on request, with \(mail) unsent message\(mail == 1 ? "" : "s")",
                                          now: now)
            return true
        }
    }
}
