import C4CCore
import Foundation
import SQLKit

/// The mailing list: sign-up with double opt-in, confirmation, preferences and unsubscribing by
/// emailed link. Tokens are only in the mail; rows keep their SHA-256. A confirmation token
/// expires; an unsubscribe ("manage") token is minted for every message that carries one and
/// lasts as long as the subscriber, so any link ever sent keeps working.
public struct MailingListQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Limits: Sendable {
        /// A second sign-up with the same address mails again only after this long.
        public var resendAfter: TimeInterval = 15 * 60
        /// How long a confirmation link works.
        public var confirmationLifetime: TimeInterval = 7 * 86_400
        /// A sign-up never confirmed is deleted this long after its last mail.
        public var unconfirmedKept: TimeInterval = 30 * 86_400
        public var form = PublicFormLimit.newsletter

        public init() {}
    }

    public struct SignUp: Sendable {
        public var email: String
        public var name: String
        public var language: Language
        public var topicIDs: [Int64]

        public init(email: String, name: String, language: Language, topicIDs: [Int64]) {
            self.email = MailingList.normalised(email)
            self.name = name
            self.language = language
            self.topicIDs = topicIDs
        }
    }

    /// What a sign-up mails: a link to confirm, or, to someone already confirmed, a link to their
    /// preferences. Never both, and never more often than `Limits.resendAfter`.
    public enum Notice: Sendable {
        case confirm(token: String)
        case alreadySubscribed(manageToken: String)
    }

    public enum SignUpResult: Sendable, Equatable { case accepted, limited }

    public struct Subscriber: Sendable, RowDecodable {
        public var id: Int64
        public var email: String
        public var name: String
        public var language: String
        public var status: String
        public var createdAt: Int64
        public var confirmedAt: Int64?
        public var unsubscribedAt: Int64?
        public var topicIDs: [Int64] = []

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            email = try row.decode(column: "email")
            name = try row.decode(column: "name")
            language = try row.decode(column: "language")
            status = try row.decode(column: "status")
            createdAt = try row.decode(column: "created_at")
            confirmedAt = try row.decode(column: "confirmed_at")
            unsubscribedAt = try row.decode(column: "unsubscribed_at")
        }
    }

    static let columns: SQLQueryString = "s.id, s.email, s.name, s.language, s.status, s.created_at, s.confirmed_at, s.unsubscribed_at"

    // MARK: Signing up

    /// Records a sign-up and queues its mail in one transaction. The answer is the same whether
    /// the address is new, pending, confirmed or unsubscribed, so the page can never tell anyone
    /// who is on the list; only the rate limit per client address is reported.
    /// - A new address, or one that unsubscribed, becomes pending with the choices made and is
    ///   sent a confirmation link.
    /// - A pending address takes the new choices and is sent a new link (the old ones still work).
    /// - A confirmed address keeps its choices (changing them takes the emailed link) and is sent
    ///   a link to its preferences.
    /// Mail goes out at most once per `resendAfter` per address, so nobody can flood an inbox.
    public func signUp(_ request: SignUp, address: String, mail: @escaping @Sendable (Notice, Language) -> OutgoingMail, now: Date,
                       limits: Limits = Limits()) async throws -> SignUpResult {
        let engine = database.engine
        return try await database.write { sql in
            guard try await limits.form.admit(sql, engine: engine, address: address, now: now) else { return .limited }
            try await sql.raw("""
                DELETE FROM subscribers WHERE status = 'pending'
                AND last_mailed_at <= \(bind: now.addingTimeInterval(-limits.unconfirmedKept).epochSeconds)
                """).run()
            let existing = try await sql.row("SELECT \(Self.columns) FROM subscribers s WHERE s.email = \(bind: request.email)",
                                             as: Subscriber.self)
            let lastMailed = try await sql.raw("SELECT last_mailed_at FROM subscribers WHERE email = \(bind: request.email)")
                .first()?.decode(column: "last_mailed_at", as: Int64?.self)
            let mayMail = lastMailed.map { $0 <= now.addingTimeInterval(-limits.resendAfter).epochSeconds } ?? true
            let id: Int64
            var notice: Notice?
            var language = request.language
            switch existing?.status {
            case nil:
                id = try await Inserter(sql).insert("subscribers", [
                    "email": request.email, "name": request.name, "language": request.language.rawValue, "status": "pending",
                    "created_at": now.epochSeconds, "updated_at": now.epochSeconds,
                ])
                try await Self.setTopics(sql, subscriberID: id, request.topicIDs)
                notice = .confirm(token: try await Self.mint(sql, .confirm, subscriberID: id, now: now, lifetime: limits.confirmationLifetime))
            case "confirmed":
                id = existing!.id
                language = Language(rawValue: existing!.language) ?? .default
                if mayMail {
                    notice = .alreadySubscribed(manageToken: try await Self.mint(sql, .manage, subscriberID: id, now: now))
                }
            default:
                id = existing!.id
                try await sql.raw("""
                    UPDATE subscribers SET name = \(bind: request.name), language = \(bind: request.language.rawValue), status = 'pending',
                    updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: id)
                    """).run()
                try await Self.setTopics(sql, subscriberID: id, request.topicIDs)
                if mayMail {
                    notice = .confirm(token: try await Self.mint(sql, .confirm, subscriberID: id, now: now, lifetime: limits.confirmationLifetime))
                }
            }
            if let notice {
                let message = mail(notice, language)
                try await MailQueries.enqueue(sql, to: request.email, subject: message.subject, body: message.body,
                                              headers: message.headers, now: now)
                try await sql.raw("UPDATE subscribers SET last_mailed_at = \(bind: now.epochSeconds) WHERE id = \(bind: id)").run()
            }
            return .accepted
        }
    }

    enum Purpose: String { case confirm, manage }

    /// A new random token for a subscriber; its hash is stored, the token returned for the mail.
    static func mint(_ sql: any SQLDatabase, _ purpose: Purpose, subscriberID: Int64, now: Date,
                     lifetime: TimeInterval? = nil) async throws -> String {
        let token = Tokens.random()
        try await sql.raw("""
            INSERT INTO subscriber_tokens (token_hash, subscriber_id, purpose, created_at, expires_at)
            VALUES (\(bind: Tokens.hash(token)), \(bind: subscriberID), \(bind: purpose.rawValue), \(bind: now.epochSeconds),
            \(bind: lifetime.map { now.addingTimeInterval($0).epochSeconds }))
            """).run()
        return token
    }

    /// Replaces a subscriber's topics with those of `topicIDs` that exist.
    static func setTopics(_ sql: any SQLDatabase, subscriberID: Int64, _ topicIDs: [Int64]) async throws {
        try await sql.raw("DELETE FROM subscriber_topics WHERE subscriber_id = \(bind: subscriberID)").run()
        guard !topicIDs.isEmpty else { return }
        try await sql.raw("""
            INSERT INTO subscriber_topics (subscriber_id, topic_id)
            SELECT \(bind: subscriberID), id FROM topics WHERE id IN (\(binds: Array(Set(topicIDs)).sorted()))
            """).run()
    }

    // MARK: Confirming

    /// The subscriber a live confirmation token belongs to. Reading changes nothing: mail scanners
    /// follow links, so only the page's button (a POST) confirms.
    public func subscriber(confirmationToken token: String, now: Date) async throws -> Subscriber? {
        try await database.read { sql in
            try await Self.subscriber(sql, token: token, purpose: .confirm, now: now)
        }
    }

    /// Confirms the subscription a live confirmation token belongs to and spends every
    /// confirmation token of that subscriber; returns a new token for the preferences link.
    public func confirm(token: String, now: Date) async throws -> String? {
        try await database.write { sql in
            guard let subscriber = try await Self.subscriber(sql, token: token, purpose: .confirm, now: now) else { return nil }
            try await sql.raw("""
                UPDATE subscribers SET status = 'confirmed', confirmed_at = \(bind: now.epochSeconds), unsubscribed_at = NULL,
                updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: subscriber.id)
                """).run()
            try await sql.raw("DELETE FROM subscriber_tokens WHERE subscriber_id = \(bind: subscriber.id) AND purpose = 'confirm'").run()
            return try await Self.mint(sql, .manage, subscriberID: subscriber.id, now: now)
        }
    }

    static func subscriber(_ sql: any SQLDatabase, token: String, purpose: Purpose, now: Date) async throws -> Subscriber? {
        guard token.count <= 100 else { return nil }
        guard var subscriber = try await sql.row("""
            SELECT \(Self.columns) FROM subscriber_tokens t JOIN subscribers s ON s.id = t.subscriber_id
            WHERE t.token_hash = \(bind: Tokens.hash(token)) AND t.purpose = \(bind: purpose.rawValue)
            AND (t.expires_at IS NULL OR t.expires_at > \(bind: now.epochSeconds))
            """, as: Subscriber.self) else { return nil }
        subscriber.topicIDs = try await sql.raw("""
            SELECT topic_id FROM subscriber_topics WHERE subscriber_id = \(bind: subscriber.id) ORDER BY topic_id
            """).all().map { try $0.decode(column: "topic_id", as: Int64.self) }
        return subscriber
    }

    // MARK: Preferences and unsubscribing

    /// The subscriber an unsubscribe link belongs to.
    public func subscriber(manageToken token: String, now: Date) async throws -> Subscriber? {
        try await database.read { sql in
            try await Self.subscriber(sql, token: token, purpose: .manage, now: now)
        }
    }

    /// Unsubscribes whoever the link belongs to; false for an unknown link. Unsubscribing twice
    /// keeps the first time.
    public func unsubscribe(manageToken token: String, now: Date) async throws -> Bool {
        try await database.write { sql in
            guard let subscriber = try await Self.subscriber(sql, token: token, purpose: .manage, now: now) else { return false }
            try await sql.raw("""
                UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = COALESCE(unsubscribed_at, \(bind: now.epochSeconds)),
                updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: subscriber.id) AND status <> 'unsubscribed'
                """).run()
            return true
        }
    }

    /// Saves a subscriber's language and topics; false for an unknown link.
    public func savePreferences(manageToken token: String, language: Language, topicIDs: [Int64], now: Date) async throws -> Bool {
        try await database.write { sql in
            guard let subscriber = try await Self.subscriber(sql, token: token, purpose: .manage, now: now) else { return false }
            try await sql.raw("""
                UPDATE subscribers SET language = \(bind: language.rawValue), updated_at = \(bind: now.epochSeconds)
                WHERE id = \(bind: subscriber.id)
                """).run()
            try await Self.setTopics(sql, subscriberID: subscriber.id, topicIDs)
            return true
        }
    }

    /// For a message to a subscriber, inside the sender's transaction: a fresh unsubscribe link in
    /// their language, and the RFC 2369 / RFC 8058 headers that carry it, ready for the outbox.
    public static func unsubscribe(_ sql: any SQLDatabase, subscriberID: Int64, publicURL: String, mailto: String? = nil,
                                   now: Date) async throws -> (link: String, headers: [String: String]) {
        let row = try await sql.raw("SELECT language FROM subscribers WHERE id = \(bind: subscriberID)").first()
        let language = try row.flatMap { Language(rawValue: try $0.decode(column: "language", as: String.self)) } ?? .default
        let token = try await mint(sql, .manage, subscriberID: subscriberID, now: now)
        let link = "\(publicURL)\(language.pathPrefix)/newsletter/unsubscribe/\(token)"
        return (link, ListUnsubscribe.headers(link: link, mailto: mailto))
    }

    // MARK: Blocked domains

    static let blockedDomainsKey = "newsletter_blocked_domains"

    /// The editors' list of refused domains, one per line, as they typed it.
    public func blockedDomainsText() async throws -> String {
        try await database.read { sql in
            try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.blockedDomainsKey)").first()?
                .decode(column: "value", as: String.self) ?? ""
        }
    }

    public func blockedDomains() async throws -> [String] {
        MailingList.blockedDomains(from: try await blockedDomainsText()).domains
    }

    /// Stores the list, one normalised domain per line, and records who changed it.
    public func setBlockedDomains(_ domains: [String], userID: Int64, now: Date) async throws {
        try await database.write { sql in
            try await SettingsQueries.upsert(sql, key: Self.blockedDomainsKey, value: domains.joined(separator: "\n"))
            try await AuditQueries.record(sql, userID: userID, action: "update", itemType: "blocked_domains", itemID: nil,
                                          summary: "\(domains.count) blocked domain\(domains.count == 1 ? "" : "s")", now: now)
        }
    }
}

/// A message a query queues in its own transaction, made by the caller (who has the words).
public struct OutgoingMail: Sendable {
    public var subject: String
    public var body: String
    public var headers: [String: String]
    public var attachments: [MailMessage.Attachment]

    public init(subject: String, body: String, headers: [String: String] = [:], attachments: [MailMessage.Attachment] = []) {
        self.subject = subject
        self.body = body
        self.headers = headers
        self.attachments = attachments
    }
}
