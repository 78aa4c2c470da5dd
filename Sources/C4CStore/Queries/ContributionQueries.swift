import C4CCore
import Foundation
import SQLKit

/// Contributions from the public: stored with their files and their receipt in one transaction,
/// then moderated by editors, each step mailed to the contributor and shown on a private status
/// page. The status link's token is only in the visitor's answer and mail; the row keeps its hash.
public struct ContributionQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public struct Attachment: Sendable {
        public var name: String
        public var contentType: String
        public var data: Data

        public init(name: String, contentType: String, data: Data) {
            self.name = name
            self.contentType = contentType
            self.data = data
        }
    }

    public enum Outcome: Sendable, Equatable {
        case stored(id: Int64, reference: String, token: String)
        case limited
    }

    /// The reference visitors quote: the year and the row's number, e.g. `C4C-2026-00042`.
    public static func reference(id: Int64, year: Int) -> String {
        "C4C-\(year)-" + String(format: "%05lld", id)
    }

    /// Stores the contribution, its files and the receipt `receipt(reference, token)` makes, or
    /// nothing at all when the address has sent too many.
    public func submit(_ values: ContributionForm.Values, language: Language, files: [Attachment], address: String,
                       receipt: @escaping @Sendable (_ reference: String, _ token: String) -> OutgoingMail, now: Date,
                       limit: PublicFormLimit = .contribute) async throws -> Outcome {
        let engine = database.engine
        let token = Tokens.random(bytes: 24)
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        return try await database.write { sql in
            guard try await limit.admit(sql, engine: engine, address: address, now: now) else { return .limited }
            let inserter = Inserter(sql)
            let id = try await inserter.insert("contributions", [
                "reference": "pending-\(token)", "status_token": Tokens.hash(token), "kind": values.kind, "title": values.title,
                "summary": values.summary, "body": values.body, "links": values.links, "country_code": values.country,
                "city": values.city, "name": values.name, "email": values.email, "organisation": values.organisation,
                "consent_to_publish": values.consentToPublish, "privacy_accepted": values.privacyAccepted,
                "language": language.rawValue, "status": "received", "created_at": now.epochSeconds, "updated_at": now.epochSeconds,
            ])
            let reference = Self.reference(id: id, year: year)
            try await sql.raw("UPDATE contributions SET reference = \(bind: reference) WHERE id = \(bind: id)").run()
            for file in files {
                let fileID = try await inserter.storeFile(name: file.name, contentType: file.contentType, data: file.data, now: now)
                try await sql.raw("INSERT INTO contribution_files (contribution_id, file_id) VALUES (\(bind: id), \(bind: fileID))").run()
            }
            let mail = receipt(reference, token)
            try await MailQueries.enqueue(sql, to: values.email, subject: mail.subject, body: mail.body, headers: mail.headers, now: now)
            return .stored(id: id, reference: reference, token: token)
        }
    }

    public struct Contribution: Sendable, RowDecodable {
        public var id: Int64
        public var reference: String
        public var kind: String
        public var title: String
        public var summary: String
        public var body: String
        public var links: String
        public var country: String
        public var city: String
        public var name: String
        public var email: String
        public var organisation: String
        public var consentToPublish: Bool
        public var language: String
        public var status: String
        public var editorMessage: String
        public var resultType: String
        public var resultID: Int64?
        public var createdAt: Int64
        public var updatedAt: Int64

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            reference = try row.decode(column: "reference")
            kind = try row.decode(column: "kind")
            title = try row.decode(column: "title")
            summary = try row.decode(column: "summary")
            body = try row.decode(column: "body")
            links = try row.decode(column: "links")
            country = try row.decode(column: "country_code")
            city = try row.decode(column: "city")
            name = try row.decode(column: "name")
            email = try row.decode(column: "email")
            organisation = try row.decode(column: "organisation")
            consentToPublish = try row.decode(column: "consent_to_publish")
            language = try row.decode(column: "language")
            status = try row.decode(column: "status")
            editorMessage = try row.decode(column: "editor_message")
            resultType = try row.decode(column: "result_type")
            resultID = try row.decode(column: "result_id")
            createdAt = try row.decode(column: "created_at")
            updatedAt = try row.decode(column: "updated_at")
        }
    }

    public struct StoredFile: Sendable, RowDecodable {
        public var id: Int64
        public var name: String
        public var contentType: String
        public var byteSize: Int64

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            name = try row.decode(column: "name")
            contentType = try row.decode(column: "content_type")
            byteSize = try row.decode(column: "byte_size")
        }
    }

    static let columns: SQLQueryString = """
        c.id, c.reference, c.kind, c.title, c.summary, c.body, c.links, c.country_code, c.city, c.name, c.email, c.organisation, \
        c.consent_to_publish, c.language, c.status, c.editor_message, c.result_type, c.result_id, c.created_at, c.updated_at
        """

    /// What awaits an editor (received, or back from the contributor's changes), oldest first; or every one, newest first.
    public func queue(all: Bool, limit: Int = 200) async throws -> [Contribution] {
        try await database.read { sql in
            all ? try await sql.rows("SELECT \(Self.columns) FROM contributions c ORDER BY c.created_at DESC, c.id DESC LIMIT \(literal: limit)")
                : try await sql.rows("""
                    SELECT \(Self.columns) FROM contributions c WHERE c.status IN ('received', 'changes_requested')
                    ORDER BY c.created_at, c.id LIMIT \(literal: limit)
                    """)
        }
    }

    public func contribution(id: Int64) async throws -> (Contribution, [StoredFile])? {
        try await database.read { sql in
            guard let contribution: Contribution = try await sql.row("SELECT \(Self.columns) FROM contributions c WHERE c.id = \(bind: id)")
            else { return nil }
            let files: [StoredFile] = try await sql.rows("""
                SELECT f.id, f.name, f.content_type, f.byte_size FROM contribution_files cf JOIN files f ON f.id = cf.file_id
                WHERE cf.contribution_id = \(bind: id) ORDER BY f.id
                """)
            return (contribution, files)
        }
    }

    /// The contribution a status link opens; nil for a token that opens none.
    public func contribution(token: String) async throws -> Contribution? {
        try await database.read { sql in
            try await sql.row("SELECT \(Self.columns) FROM contributions c WHERE c.status_token = \(bind: Tokens.hash(token))")
        }
    }

    /// One attachment of one contribution, for editors.
    public func file(contributionID: Int64, fileID: Int64) async throws -> (StoredFile, Data)? {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT f.id, f.name, f.content_type, f.byte_size, f.data FROM contribution_files cf JOIN files f ON f.id = cf.file_id
                WHERE cf.contribution_id = \(bind: contributionID) AND f.id = \(bind: fileID)
                """).first() else { return nil }
            return (try StoredFile(row: row), try row.decode(column: "data", as: Data.self))
        }
    }

    public enum Decision: Sendable, Equatable {
        case accept
        case askForChanges(message: String)
        case decline(reason: String)
    }

    public enum ModerationError: Error, Equatable {
        /// Accepted or declined already: those steps are final.
        case alreadyDecided
        case notFound
    }

    /// Records an editor's decision and queues the mail that tells the contributor, in one
    /// transaction. Accepting creates a draft of the contribution's content type, credited to the
    /// contributor, and moves its attachments into the media library. Returns the draft's table and id
    /// when one was made.
    @discardableResult
    public func decide(id: Int64, _ decision: Decision, userID: Int64, timeZone: TimeZone,
                       mail: @escaping @Sendable (Contribution) -> OutgoingMail, now: Date) async throws -> (table: String, id: Int64)? {
        try await database.write { sql in
            guard var contribution: Contribution = try await sql.row("SELECT \(Self.columns) FROM contributions c WHERE c.id = \(bind: id)")
            else { throw ModerationError.notFound }
            guard contribution.status == "received" || contribution.status == "changes_requested" else { throw ModerationError.alreadyDecided }
            var draft: (table: String, id: Int64)?
            switch decision {
            case .accept:
                let made = try await ContributionDraft.make(from: contribution, userID: userID, timeZone: timeZone, in: sql, now: now)
                try await sql.raw("""
                    UPDATE contributions SET status = 'accepted', result_type = \(bind: made.table), result_id = \(bind: made.id),
                    editor_message = '', updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: id)
                    """).run()
                contribution.status = "accepted"
                draft = made
            case .askForChanges(let message):
                try await Self.set(id, status: "changes_requested", message: message, now: now, in: sql)
                (contribution.status, contribution.editorMessage) = ("changes_requested", message)
            case .decline(let reason):
                try await Self.set(id, status: "declined", message: reason, now: now, in: sql)
                (contribution.status, contribution.editorMessage) = ("declined", reason)
            }
            try await AuditQueries.record(sql, userID: userID, action: contribution.status, itemType: "contribution", itemID: id,
                                          summary: "\(contribution.reference): \(contribution.title)", now: now)
            let message = mail(contribution)
            try await MailQueries.enqueue(sql, to: contribution.email, subject: message.subject, body: message.body,
                                          headers: message.headers, now: now)
            return draft
        }
    }

    private static func set(_ id: Int64, status: String, message: String, now: Date, in sql: any SQLDatabase) async throws {
        try await sql.raw("""
            UPDATE contributions SET status = \(bind: status), editor_message = \(bind: message), updated_at = \(bind: now.epochSeconds)
            WHERE id = \(bind: id)
            """).run()
    }
}

extension PublicFormLimit {
    /// Contributions carry files, so fewer are taken from one address.
    public static let contribute = PublicFormLimit(form: "contribute", perAddress: 5)
}
