import C4CCore
import Foundation
import SQLKit

/// Newsletter issues: composed from what is new, previewed, tested, then sent through the outbox
/// to confirmed subscribers of the issue's language and topics, and archived on the public site.
///
/// Sending is resumable and idempotent: it goes in batches, each one transaction that holds the
/// issue's row, writes a `newsletter_deliveries` row per subscriber (keyed by issue and
/// subscriber) and queues that subscriber's message beside it. A second press of Send, a second
/// instance, or a restart after a crash only finds the subscribers nobody has queued yet.
public struct NewsletterQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Where each recipient's own unsubscribe link goes in the snapshot of the mail.
    public static let unsubscribePlaceholder = "%%C4C-UNSUBSCRIBE-LINK%%"
    /// Without an earlier sent issue, suggestions go this far back.
    public static let firstIssueLookback: TimeInterval = 30 * 86_400
    /// At most this many suggestions of each kind.
    static let suggestionsPerKind = 20

    public enum ItemType: String, Sendable, CaseIterable, Codable {
        case resources, events, vacancies, blogPosts = "blog_posts"
    }

    /// An item chosen for an issue, or offered for one.
    public struct ItemRef: Sendable, Hashable {
        public var type: ItemType
        public var id: Int64

        public init(type: ItemType, id: Int64) {
            self.type = type
            self.id = id
        }

        /// `resources:12`, as forms carry it.
        public var key: String { "\(type.rawValue):\(id)" }

        public init?(key: String) {
            let parts = key.split(separator: ":")
            guard parts.count == 2, let type = ItemType(rawValue: String(parts[0])), let id = Int64(parts[1]) else { return nil }
            self.init(type: type, id: id)
        }
    }

    /// What an issue shows of an item: a title and summary linking to its page, and the one date
    /// that matters for its kind (published, starts, closes).
    public struct Item: Sendable, RowDecodable {
        public var ref: ItemRef
        public var slug: String
        public var lang: String
        public var title: String
        public var summary: String
        /// Published (resources, posts), starts (events) or closes (vacancies).
        public var at: Int64
        /// The IANA zone of `at` for events and vacancies; empty for the others.
        public var zone: String
        /// A resource's kind, a vacancy's organisation; empty otherwise.
        public var detail: String

        init(row: any SQLRow) throws {
            let type = ItemType(rawValue: try row.decode(column: "item_type", as: String.self)) ?? .resources
            ref = ItemRef(type: type, id: try row.decode(column: "id"))
            slug = try row.decode(column: "slug")
            lang = try row.decode(column: "lang")
            title = try row.decode(column: "title")
            summary = try row.decode(column: "summary")
            at = try row.decode(column: "item_at")
            zone = try row.decode(column: "item_zone")
            detail = try row.decode(column: "item_detail")
        }
    }

    public struct Issue: Sendable, RowDecodable {
        public var id: Int64
        public var subject: String
        public var introduction: String
        public var lang: String
        public var status: String
        public var slug: String?
        public var suggestedSince: Int64
        public var createdAt: Int64
        public var updatedAt: Int64
        public var sentAt: Int64?
        public var recipientCount: Int
        public var createdByName: String?
        /// The mail as it went out, both parts; empty while a draft.
        public var mailText: String
        public var mailHTML: String
        public var topicIDs: [Int64] = []
        /// The chosen items in the editor's order.
        public var items: [ItemRef] = []

        public var language: Language { Language(rawValue: lang) ?? .default }
        public var isDraft: Bool { status == "draft" }

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            subject = try row.decode(column: "subject")
            introduction = try row.decode(column: "introduction")
            lang = try row.decode(column: "lang")
            status = try row.decode(column: "status")
            slug = try row.decode(column: "slug")
            suggestedSince = try row.decode(column: "suggested_since")
            createdAt = try row.decode(column: "created_at")
            updatedAt = try row.decode(column: "updated_at")
            sentAt = try row.decode(column: "sent_at")
            recipientCount = try row.decode(column: "recipient_count")
            createdByName = try row.decode(column: "created_by_name")
            mailText = try row.decode(column: "mail_text")
            mailHTML = try row.decode(column: "mail_html")
        }
    }

    static let issueColumns: SQLQueryString = """
        i.id, i.subject, i.introduction, i.lang, i.status, i.slug, i.suggested_since, i.created_at, i.updated_at, i.sent_at,
        i.recipient_count, u.name AS created_by_name, i.mail_text, i.mail_html
        """

    // MARK: Suggestions

    /// The columns every kind of item is read with, under one name each.
    static func itemSelect(_ type: ItemType) -> SQLQueryString {
        switch type {
        case .resources:
            "SELECT 'resources' AS item_type, x.id, x.slug, x.lang, x.title, x.summary, COALESCE(x.publish_at, x.created_at) AS item_at, '' AS item_zone, x.kind AS item_detail FROM resources x"
        case .events:
            "SELECT 'events' AS item_type, x.id, x.slug, x.lang, x.title, x.summary, x.starts_at AS item_at, x.time_zone AS item_zone, '' AS item_detail FROM events x"
        case .vacancies:
            "SELECT 'vacancies' AS item_type, x.id, x.slug, x.lang, x.title, x.summary, x.deadline_at AS item_at, x.deadline_zone AS item_zone, x.organisation_name AS item_detail FROM vacancies x"
        case .blogPosts:
            "SELECT 'blog_posts' AS item_type, x.id, x.slug, x.lang, x.title, x.summary, COALESCE(x.publish_at, x.created_at) AS item_at, '' AS item_zone, '' AS item_detail FROM blog_posts x"
        }
    }

    /// What is new for an issue in `language`: resources and posts made public since `since`;
    /// upcoming events and open vacancies that no sent issue in that language has carried yet
    /// (they matter until they happen or close, whenever they were announced).
    public func suggestions(language: Language, since: Int64, now: Date) async throws -> [Item] {
        let now = now.epochSeconds
        return try await database.read { sql in
            var items: [Item] = []
            for type in ItemType.allCases {
                let visible = Visibility.isPublic("x", now: now) + " AND x.lang = \(bind: language.rawValue)"
                let notYetSent: SQLQueryString = """
                    NOT EXISTS (SELECT 1 FROM newsletter_issue_items ni JOIN newsletter_issues n ON n.id = ni.issue_id
                    WHERE n.status <> 'draft' AND n.lang = \(bind: language.rawValue) AND ni.item_type = \(literal: type.rawValue) AND ni.item_id = x.id)
                    """
                let condition: SQLQueryString = switch type {
                case .resources, .blogPosts: "COALESCE(x.publish_at, x.created_at) > \(bind: since) ORDER BY item_at DESC, x.id DESC"
                case .events: "x.starts_at > \(bind: now) AND \(notYetSent) ORDER BY x.starts_at, x.id"
                case .vacancies: "x.deadline_at > \(bind: now) AND \(notYetSent) ORDER BY x.deadline_at, x.id"
                }
                items += try await sql.rows(Self.itemSelect(type) + " WHERE " + visible + " AND " + condition
                                            + " LIMIT \(literal: Self.suggestionsPerKind)")
            }
            return items
        }
    }

    /// The public items among `refs`, in their order; an item unpublished since it was chosen is left out.
    public func items(_ refs: [ItemRef], now: Date) async throws -> [Item] {
        guard !refs.isEmpty else { return [] }
        let now = now.epochSeconds
        let found: [ItemRef: Item] = try await database.read { sql in
            var found: [ItemRef: Item] = [:]
            for type in ItemType.allCases {
                let ids = refs.filter { $0.type == type }.map(\.id)
                guard !ids.isEmpty else { continue }
                let rows: [Item] = try await sql.rows(Self.itemSelect(type) + " WHERE x.id IN (\(binds: ids)) AND "
                                                      + Visibility.isPublic("x", now: now))
                for row in rows { found[row.ref] = row }
            }
            return found
        }
        return refs.compactMap { found[$0] }
    }

    /// When suggestions for a new issue in `language` start: the last sent issue's sending, else 30 days ago.
    public func suggestionsStart(language: Language, now: Date) async throws -> Int64 {
        try await database.read { sql in
            try await sql.raw("""
                SELECT MAX(sent_at) AS last FROM newsletter_issues WHERE status = 'sent' AND lang = \(bind: language.rawValue)
                """).first()?.decode(column: "last", as: Int64?.self)
        } ?? now.addingTimeInterval(-Self.firstIssueLookback).epochSeconds
    }

    // MARK: Drafts

    /// A new draft in `language` for `topicIDs`, holding every suggestion in the order offered.
    public func create(language: Language, topicIDs: [Int64], userID: Int64, now: Date) async throws -> Int64 {
        let since = try await suggestionsStart(language: language, now: now)
        let suggested = try await suggestions(language: language, since: since, now: now)
        return try await database.write { sql in
            let id = try await Inserter(sql).insert("newsletter_issues", [
                "lang": language.rawValue, "status": "draft", "suggested_since": since, "created_by": userID,
                "created_at": now.epochSeconds, "updated_at": now.epochSeconds,
            ])
            try await Self.setTopics(sql, issueID: id, topicIDs)
            try await Self.setItems(sql, issueID: id, suggested.map(\.ref))
            try await AuditQueries.record(sql, userID: userID, action: "create", itemType: "newsletter", itemID: id,
                                          summary: "Newsletter draft in \(language.rawValue) with \(suggested.count) suggested items", now: now)
            return id
        }
    }

    public struct Draft: Sendable {
        public var subject: String
        public var introduction: String
        public var topicIDs: [Int64]
        public var items: [ItemRef]

        public init(subject: String, introduction: String, topicIDs: [Int64], items: [ItemRef]) {
            self.subject = subject
            self.introduction = introduction
            self.topicIDs = topicIDs
            self.items = items
        }
    }

    /// Saves a draft's text, topics and items; false when the issue is no longer a draft (being
    /// sent or sent: what went out is never changed) or does not exist.
    public func save(id: Int64, _ draft: Draft, userID: Int64, now: Date) async throws -> Bool {
        try await database.write { sql in
            guard try await sql.raw("""
                UPDATE newsletter_issues SET subject = \(bind: draft.subject), introduction = \(bind: draft.introduction),
                updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: id) AND status = 'draft' RETURNING id
                """).first() != nil else { return false }
            try await Self.setTopics(sql, issueID: id, draft.topicIDs)
            try await Self.setItems(sql, issueID: id, draft.items)
            return true
        }
    }

    /// Deletes a draft; false when it is being sent, was sent, or does not exist.
    public func deleteDraft(id: Int64, userID: Int64, now: Date) async throws -> Bool {
        try await database.write { sql in
            guard try await sql.raw("DELETE FROM newsletter_issues WHERE id = \(bind: id) AND status = 'draft' RETURNING id").first() != nil else {
                return false
            }
            try await AuditQueries.record(sql, userID: userID, action: "delete", itemType: "newsletter", itemID: id,
                                          summary: "Newsletter draft deleted", now: now)
            return true
        }
    }

    static func setTopics(_ sql: any SQLDatabase, issueID: Int64, _ topicIDs: [Int64]) async throws {
        try await sql.raw("DELETE FROM newsletter_issue_topics WHERE issue_id = \(bind: issueID)").run()
        guard !topicIDs.isEmpty else { return }
        try await sql.raw("""
            INSERT INTO newsletter_issue_topics (issue_id, topic_id)
            SELECT \(bind: issueID), id FROM topics WHERE id IN (\(binds: Array(Set(topicIDs)).sorted()))
            """).run()
    }

    static func setItems(_ sql: any SQLDatabase, issueID: Int64, _ items: [ItemRef]) async throws {
        try await sql.raw("DELETE FROM newsletter_issue_items WHERE issue_id = \(bind: issueID)").run()
        var seen = Set<ItemRef>()
        for (position, item) in items.enumerated() where seen.insert(item).inserted {
            try await sql.raw("""
                INSERT INTO newsletter_issue_items (issue_id, item_type, item_id, position)
                VALUES (\(bind: issueID), \(bind: item.type.rawValue), \(bind: item.id), \(bind: position + 1))
                """).run()
        }
    }

    // MARK: Reading

    public func issue(id: Int64) async throws -> Issue? {
        try await database.read { sql in
            guard var issue = try await sql.row("""
                SELECT \(Self.issueColumns) FROM newsletter_issues i LEFT JOIN users u ON u.id = i.created_by WHERE i.id = \(bind: id)
                """, as: Issue.self) else { return nil }
            issue.topicIDs = try await sql.raw("""
                SELECT topic_id FROM newsletter_issue_topics WHERE issue_id = \(bind: id) ORDER BY topic_id
                """).all().map { try $0.decode(column: "topic_id", as: Int64.self) }
            issue.items = try await sql.raw("""
                SELECT item_type, item_id FROM newsletter_issue_items WHERE issue_id = \(bind: id) ORDER BY position
                """).all().compactMap { row -> ItemRef? in
                guard let type = ItemType(rawValue: try row.decode(column: "item_type", as: String.self)) else { return nil }
                return ItemRef(type: type, id: try row.decode(column: "item_id", as: Int64.self))
            }
            return issue
        }
    }

    /// Every issue, newest first, for the back office.
    public func all(limit: Int = 200) async throws -> [Issue] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT \(Self.issueColumns) FROM newsletter_issues i LEFT JOIN users u ON u.id = i.created_by
                ORDER BY i.id DESC LIMIT \(literal: limit)
                """)
        }
    }

    /// How many messages the issue has queued so far.
    public func queuedCount(id: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.count("SELECT COUNT(*) AS n FROM newsletter_deliveries WHERE issue_id = \(bind: id)")
        }
    }

    /// Confirmed subscribers in the issue's language whose topics meet the issue's (someone with no
    /// topics gets every issue; an issue with no topics goes to everyone in its language), and
    /// who have not been queued this issue yet. A subscriber's topic also takes its subtopics.
    static func pendingRecipients(issueID: Int64) -> SQLQueryString {
        """
        FROM subscribers s JOIN newsletter_issues n ON n.id = \(bind: issueID)
        WHERE s.status = 'confirmed' AND s.language = n.lang
        AND (NOT EXISTS (SELECT 1 FROM newsletter_issue_topics it WHERE it.issue_id = n.id)
             OR NOT EXISTS (SELECT 1 FROM subscriber_topics st WHERE st.subscriber_id = s.id)
             OR EXISTS (SELECT 1 FROM subscriber_topics st JOIN topics t ON st.topic_id IN (t.id, t.parent_id)
                        JOIN newsletter_issue_topics it ON it.topic_id = t.id
                        WHERE st.subscriber_id = s.id AND it.issue_id = n.id))
        AND NOT EXISTS (SELECT 1 FROM newsletter_deliveries d WHERE d.issue_id = n.id AND d.subscriber_id = s.id)
        """
    }

    /// How many subscribers Send would queue a message for now.
    public func pendingRecipientCount(id: Int64) async throws -> Int {
        try await database.read { sql in
            try await sql.count("SELECT COUNT(*) AS n " + Self.pendingRecipients(issueID: id))
        }
    }

    // MARK: Sending

    /// The issue as it goes out: the same for every recipient but for the unsubscribe link, which
    /// stands as `unsubscribePlaceholder` in both parts.
    public struct Snapshot: Sendable {
        public var slug: String
        public var mailText: String
        public var mailHTML: String
        /// The issue's content as a web page shows it, without any personal link.
        public var webHTML: String

        public init(slug: String, mailText: String, mailHTML: String, webHTML: String) {
            self.slug = slug
            self.mailText = mailText
            self.mailHTML = mailHTML
            self.webHTML = webHTML
        }
    }

    /// The archive address of an issue: its subject's slug and its number, unique by construction.
    public static func slug(subject: String, id: Int64) -> String {
        let base = Slug.make(from: subject, maxLength: 60)
        return base.isEmpty ? "issue-\(id)" : "\(base)-\(id)"
    }

    public enum SendResult: Sendable, Equatable {
        /// Queued this many messages in this call; the issue is now sent.
        case sent(queued: Int)
        /// The issue was already sent in full: nothing more was queued.
        case alreadySent
        case notFound
    }

    /// Sends an issue: a draft takes `snapshot` and becomes `sending` (an issue already being sent
    /// keeps the snapshot it took first, so every recipient gets the same mail); then batch after
    /// batch, each recipient not yet queued gets one outbox message with their own unsubscribe
    /// link and List-Unsubscribe headers; when none is left the issue is `sent`. Safe to call
    /// again, at the same time from another instance, or after a crash mid-way.
    public func send(id: Int64, snapshot: Snapshot, publicURL: String, userID: Int64?, now: Date,
                     batchSize: Int = 500) async throws -> SendResult {
        let engine = database.engine
        let started: String? = try await database.write { sql in
            guard let status = try await Self.lockIssue(sql, id: id, engine: engine) else { return nil }
            guard status == "draft" else { return status }
            try await sql.raw("""
                UPDATE newsletter_issues SET status = 'sending', slug = \(bind: snapshot.slug), mail_text = \(bind: snapshot.mailText),
                mail_html = \(bind: snapshot.mailHTML), web_html = \(bind: snapshot.webHTML), sending_started_at = \(bind: now.epochSeconds),
                updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: id)
                """).run()
            try await AuditQueries.record(sql, userID: userID, action: "send", itemType: "newsletter", itemID: id,
                                          summary: "Newsletter sending started", now: now)
            return "sending"
        }
        switch started {
        case nil: return .notFound
        case "sent": return .alreadySent
        default: break
        }
        var queued = 0
        while true {
            let batch = try await queueBatch(id: id, publicURL: publicURL, now: now, limit: batchSize)
            guard let batch else { break }
            queued += batch
        }
        return .sent(queued: queued)
    }

    /// The issue's status, with its row held until the transaction ends on PostgreSQL (SQLite's one
    /// writer already runs one transaction at a time), so batches from two instances take turns.
    static func lockIssue(_ sql: any SQLDatabase, id: Int64, engine: Engine) async throws -> String? {
        let lock: SQLQueryString = engine == .postgres ? " FOR UPDATE" : ""
        return try await sql.raw("SELECT status FROM newsletter_issues WHERE id = \(bind: id)" + lock).first()?
            .decode(column: "status", as: String.self)
    }

    /// Queues one batch of messages in one transaction and returns how many; nil once the issue is
    /// sent (this call found nobody left and marked it so, or someone else had).
    func queueBatch(id: Int64, publicURL: String, now: Date, limit: Int) async throws -> Int? {
        let engine = database.engine
        return try await database.write { sql in
            guard try await Self.lockIssue(sql, id: id, engine: engine) == "sending",
                  let issue = try await sql.raw("SELECT subject, mail_text, mail_html FROM newsletter_issues WHERE id = \(bind: id)").first()
            else { return nil }
            let subject = try issue.decode(column: "subject", as: String.self)
            let text = try issue.decode(column: "mail_text", as: String.self)
            let html = try issue.decode(column: "mail_html", as: String.self)
            let recipients = try await sql.raw("""
                SELECT s.id, s.email \(Self.pendingRecipients(issueID: id)) ORDER BY s.id LIMIT \(literal: limit)
                """).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "email", as: String.self)) }
            guard !recipients.isEmpty else {
                try await sql.raw("""
                    UPDATE newsletter_issues SET status = 'sent', sent_at = \(bind: now.epochSeconds), updated_at = \(bind: now.epochSeconds),
                    recipient_count = (SELECT COUNT(*) FROM newsletter_deliveries WHERE issue_id = \(bind: id))
                    WHERE id = \(bind: id)
                    """).run()
                // The archive shows it from now on.
                try await ContentVersionQueries.bump(sql)
                return nil
            }
            var queued = 0
            for (subscriberID, email) in recipients {
                // The key refuses a second row for this subscriber, whoever wrote the first.
                guard try await sql.raw("""
                    INSERT INTO newsletter_deliveries (issue_id, subscriber_id, queued_at)
                    VALUES (\(bind: id), \(bind: subscriberID), \(bind: now.epochSeconds))
                    ON CONFLICT DO NOTHING RETURNING subscriber_id
                    """).first() != nil else { continue }
                let (link, headers) = try await MailingListQueries.unsubscribe(sql, subscriberID: subscriberID, publicURL: publicURL, now: now)
                let mailID = try await MailQueries.enqueue(
                    sql, to: email, subject: subject, body: text.replacingOccurrences(of: Self.unsubscribePlaceholder, with: link),
                    html: html.isEmpty ? nil : html.replacingOccurrences(of: Self.unsubscribePlaceholder, with: HTMLEscaping.escape(link)),
                    headers: headers, now: now)
                try await sql.raw("""
                    UPDATE newsletter_deliveries SET mail_id = \(bind: mailID) WHERE issue_id = \(bind: id) AND subscriber_id = \(bind: subscriberID)
                    """).run()
                queued += 1
            }
            return queued
        }
    }

    /// Queues a test of the issue to one address (the editor's own), marked as a test in its subject.
    public func queueTest(id: Int64, to address: String, subject: String, text: String, html: String, userID: Int64, now: Date) async throws {
        try await database.write { sql in
            try await MailQueries.enqueue(sql, to: address, subject: subject, body: text, html: html, now: now)
            try await AuditQueries.record(sql, userID: userID, action: "test", itemType: "newsletter", itemID: id,
                                          summary: "Newsletter test sent to the editor", now: now)
        }
    }

    // MARK: The public archive

    public struct Archived: Sendable, RowDecodable {
        public var id: Int64
        public var slug: String
        public var subject: String
        public var lang: String
        public var sentAt: Int64
        public var webHTML: String

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            slug = try row.decode(column: "slug")
            subject = try row.decode(column: "subject")
            lang = try row.decode(column: "lang")
            sentAt = try row.decode(column: "sent_at")
            webHTML = row.contains(column: "web_html") ? try row.decode(column: "web_html") : ""
        }
    }

    /// Sent issues in `language`, newest first.
    public func archive(language: Language, limit: Int = 500) async throws -> [Archived] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT id, slug, subject, lang, sent_at FROM newsletter_issues
                WHERE status = 'sent' AND lang = \(bind: language.rawValue) ORDER BY sent_at DESC, id DESC LIMIT \(literal: limit)
                """)
        }
    }

    /// A sent issue by its archive slug; drafts and issues still being sent are not found.
    public func archived(slug: String) async throws -> Archived? {
        try await database.read { sql in
            try await sql.row("""
                SELECT id, slug, subject, lang, sent_at, web_html FROM newsletter_issues WHERE status = 'sent' AND slug = \(bind: slug)
                """)
        }
    }
}
