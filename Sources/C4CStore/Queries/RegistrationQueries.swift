import C4CCore
import Foundation
import SQLKit

/// Built-in registration for webinars and events: places up to the event's capacity, then a
/// waiting list promoted in the order people joined whenever someone cancels. Every change and
/// the mail that tells of it are one transaction, and changes to one event take turns (a row lock
/// on PostgreSQL, SQLite's single writer), so two last places are never given to three people.
public struct RegistrationQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// What a registration mail needs to know of its event.
    public struct Event: Sendable, RowDecodable {
        public var id: Int64
        public var slug: String
        public var lang: String
        public var title: String
        public var summary: String
        public var startsAt: Int64
        public var endsAt: Int64
        public var timeZone: String
        public var online: Bool
        public var venue: String
        public var onlineURL: String
        public var registration: String
        public var capacity: Int?
        public var closesAt: Int64?
        public var updatedAt: Int64

        /// Registration closes at the set time, else when the event starts.
        public var closes: Int64 { closesAt ?? startsAt }

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            slug = try row.decode(column: "slug")
            lang = try row.decode(column: "lang")
            title = try row.decode(column: "title")
            summary = try row.decode(column: "summary")
            startsAt = try row.decode(column: "starts_at")
            endsAt = try row.decode(column: "ends_at")
            timeZone = try row.decode(column: "time_zone")
            online = try row.decode(column: "online")
            venue = try row.decode(column: "venue")
            onlineURL = try row.decode(column: "online_url")
            registration = try row.decode(column: "registration")
            capacity = try row.decode(column: "capacity")
            closesAt = try row.decode(column: "registration_closes_at")
            updatedAt = try row.decode(column: "updated_at")
        }
    }

    public struct Registration: Sendable, Equatable, RowDecodable {
        public var id: Int64
        public var eventID: Int64
        public var name: String
        public var email: String
        public var organisation: String
        public var country: String
        public var language: String
        public var status: String
        public var queuedAt: Int64
        public var createdAt: Int64

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            eventID = try row.decode(column: "event_id")
            name = try row.decode(column: "name")
            email = try row.decode(column: "email")
            organisation = try row.decode(column: "organisation")
            country = try row.decode(column: "country_code")
            language = try row.decode(column: "language")
            status = try row.decode(column: "status")
            queuedAt = try row.decode(column: "queued_at")
            createdAt = try row.decode(column: "created_at")
        }
    }

    public struct NewRegistration: Sendable {
        public var name: String
        public var email: String
        public var organisation: String
        public var country: String
        public var language: Language

        public init(name: String, email: String, organisation: String, country: String, language: Language) {
            self.name = name
            self.email = email
            self.organisation = organisation
            self.country = country
            self.language = language
        }
    }

    /// Which mail a registrant receives.
    public enum Notice: String, Sendable {
        /// A place, with the event's calendar file and the cancel link.
        case registered
        /// On the waiting list, at `position`.
        case waiting
        /// Moved from the waiting list to a place.
        case promoted
        case cancelled
        case reminder
    }

    public enum Outcome: Sendable, Equatable {
        case registered
        case waiting(position: Int)
        /// Registration for this event is closed, or it takes none here.
        case closed
        case limited
    }

    /// A composer of mails: the notice, who it is for, their event, their new cancel token (for
    /// notices that carry the link) and their place on the waiting list.
    public typealias Compose = @Sendable (Notice, Registration, Event, _ token: String?, _ position: Int?) -> OutgoingMail

    static let eventColumns: SQLQueryString = """
        e.id, e.slug, e.lang, e.title, e.summary, e.starts_at, e.ends_at, e.time_zone, e.online, e.venue, e.online_url, \
        e.registration, e.capacity, e.registration_closes_at, e.updated_at
        """
    static let columns: SQLQueryString = """
        r.id, r.event_id, r.name, r.email, r.organisation, r.country_code, r.language, r.status, r.queued_at, r.created_at
        """

    /// The public event with built-in registration at this address, in the reader's language or English.
    public func event(slug: String, language: Language, now: Date) async throws -> Event? {
        try await database.read { sql in
            try await sql.row("""
                SELECT \(Self.eventColumns) FROM events e
                WHERE e.slug = \(bind: slug) AND \(Visibility.isPublic("e", table: "events", language: language, now: now.epochSeconds))
                ORDER BY CASE WHEN e.lang = \(bind: language.rawValue) THEN 0 ELSE 1 END LIMIT 1
                """)
        }
    }

    /// Registers someone, or puts them on the waiting list when every place is taken; someone
    /// already registered or waiting keeps their place and is sent its details again.
    public func register(_ person: NewRegistration, eventID: Int64, address: String, compose: @escaping Compose, now: Date,
                         limit: PublicFormLimit = .registration) async throws -> Outcome {
        let engine = database.engine
        let email = MailingList.normalised(person.email)
        return try await database.write { sql in
            guard let event = try await Self.lockedEvent(eventID, sql, engine) else { return .closed }
            guard event.registration == "builtin", now.epochSeconds < event.closes else { return .closed }
            guard try await limit.admit(sql, engine: engine, address: address, now: now) else { return .limited }
            let token = Tokens.random(bytes: 24)
            let existing: Registration? = try await sql.row("""
                SELECT \(Self.columns) FROM registrations r WHERE r.event_id = \(bind: eventID) AND r.email = \(bind: email)
                """)
            let status: String
            if let existing, existing.status != "cancelled" {
                status = existing.status
                try await sql.raw("""
                    UPDATE registrations SET cancel_token_hash = \(bind: Tokens.hash(token)) WHERE id = \(bind: existing.id)
                    """).run()
            } else {
                let taken = try await sql.count("""
                    SELECT COUNT(*) AS n FROM registrations WHERE event_id = \(bind: eventID) AND status = 'registered'
                    """)
                status = event.capacity.map { taken < $0 } ?? true ? "registered" : "waiting"
                if let existing {
                    try await sql.raw("""
                        UPDATE registrations SET name = \(bind: person.name), organisation = \(bind: person.organisation),
                        country_code = \(bind: person.country), language = \(bind: person.language.rawValue), status = \(bind: status),
                        cancel_token_hash = \(bind: Tokens.hash(token)), queued_at = \(bind: now.epochSeconds), cancelled_at = NULL,
                        promoted_at = NULL, reminder_queued_at = NULL WHERE id = \(bind: existing.id)
                        """).run()
                } else {
                    try await Inserter(sql).insert("registrations", [
                        "event_id": eventID, "name": person.name, "email": email, "organisation": person.organisation,
                        "country_code": person.country, "language": person.language.rawValue, "cancel_token_hash": Tokens.hash(token),
                        "status": status, "queued_at": now.epochSeconds, "created_at": now.epochSeconds,
                    ])
                }
            }
            let registration: Registration = try await sql.row("""
                SELECT \(Self.columns) FROM registrations r WHERE r.event_id = \(bind: eventID) AND r.email = \(bind: email)
                """)!
            if status == "registered" {
                try await Self.send(compose(.registered, registration, event, token, nil), to: email, sql, now)
                return .registered
            }
            let position = try await Self.position(of: registration, sql)
            try await Self.send(compose(.waiting, registration, event, token, position), to: email, sql, now)
            return .waiting(position: position)
        }
    }

    /// The registration a cancel link opens, with its event; nil for a token that opens none.
    public func registration(token: String) async throws -> (Registration, Event)? {
        try await database.read { sql in
            guard let registration: Registration = try await sql.row("""
                SELECT \(Self.columns) FROM registrations r WHERE r.cancel_token_hash = \(bind: Tokens.hash(token))
                """) else { return nil }
            guard let event: Event = try await sql.row("SELECT \(Self.eventColumns) FROM events e WHERE e.id = \(bind: registration.eventID)")
            else { return nil }
            return (registration, event)
        }
    }

    /// Cancels the registration this link belongs to; a place it frees goes to the first on the
    /// waiting list, who is told by mail. Returns the cancelled registration, nil when the link
    /// opens none or it was cancelled already.
    @discardableResult
    public func cancel(token: String, compose: @escaping Compose, now: Date) async throws -> Registration? {
        let engine = database.engine
        return try await database.write { sql in
            guard let found: Registration = try await sql.row("""
                SELECT \(Self.columns) FROM registrations r WHERE r.cancel_token_hash = \(bind: Tokens.hash(token))
                """), found.status != "cancelled",
                  let event = try await Self.lockedEvent(found.eventID, sql, engine) else { return nil }
            try await sql.raw("""
                UPDATE registrations SET status = 'cancelled', cancelled_at = \(bind: now.epochSeconds) WHERE id = \(bind: found.id)
                """).run()
            var cancelled = found
            cancelled.status = "cancelled"
            try await Self.send(compose(.cancelled, cancelled, event, nil, nil), to: found.email, sql, now)
            if found.status == "registered", now.epochSeconds < event.startsAt {
                try await Self.promote(event, sql, compose: compose, now: now)
            }
            return cancelled
        }
    }

    /// Everyone who registered for an event, places first then the waiting list in order, then cancellations.
    public func list(eventID: Int64) async throws -> [Registration] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT \(Self.columns) FROM registrations r WHERE r.event_id = \(bind: eventID)
                ORDER BY CASE r.status WHEN 'registered' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, r.queued_at, r.id
                """)
        }
    }

    /// Queues the reminder of every registration whose event starts within `ahead` and has not had
    /// one, marking each in the same transaction, so instances sharing the database send each once.
    @discardableResult
    public func queueReminders(ahead: TimeInterval = 86_400, compose: @escaping Compose, now: Date) async throws -> Int {
        try await database.write { sql in
            let due: [Registration] = try await sql.rows("""
                UPDATE registrations SET reminder_queued_at = \(bind: now.epochSeconds)
                WHERE status = 'registered' AND reminder_queued_at IS NULL AND event_id IN (
                    SELECT e.id FROM events e WHERE e.starts_at > \(bind: now.epochSeconds)
                    AND e.starts_at <= \(bind: now.addingTimeInterval(ahead).epochSeconds) AND e.status IN ('published', 'scheduled'))
                RETURNING id, event_id, name, email, organisation, country_code, language, status, queued_at, created_at
                """)
            for registration in due {
                guard let event: Event = try await sql.row("SELECT \(Self.eventColumns) FROM events e WHERE e.id = \(bind: registration.eventID)")
                else { continue }
                try await Self.send(compose(.reminder, registration, event, nil, nil), to: registration.email, sql, now)
            }
            return due.count
        }
    }

    static func promote(_ event: Event, _ sql: any SQLDatabase, compose: Compose, now: Date) async throws {
        let taken = try await sql.count("SELECT COUNT(*) AS n FROM registrations WHERE event_id = \(bind: event.id) AND status = 'registered'")
        guard event.capacity.map({ taken < $0 }) ?? true,
              let next: Registration = try await sql.row("""
                SELECT \(Self.columns) FROM registrations r WHERE r.event_id = \(bind: event.id) AND r.status = 'waiting'
                ORDER BY r.queued_at, r.id LIMIT 1
                """) else { return }
        let token = Tokens.random(bytes: 24)
        try await sql.raw("""
            UPDATE registrations SET status = 'registered', promoted_at = \(bind: now.epochSeconds), cancel_token_hash = \(bind: Tokens.hash(token))
            WHERE id = \(bind: next.id)
            """).run()
        var promoted = next
        promoted.status = "registered"
        try await send(compose(.promoted, promoted, event, token, nil), to: next.email, sql, now)
    }

    /// The event row, locked against other registrations' changes until the transaction ends.
    static func lockedEvent(_ id: Int64, _ sql: any SQLDatabase, _ engine: Engine) async throws -> Event? {
        let lock: SQLQueryString = engine == .postgres ? "FOR UPDATE" : ""
        return try await sql.row("SELECT \(eventColumns) FROM events e WHERE e.id = \(bind: id) \(lock)")
    }

    static func position(of registration: Registration, _ sql: any SQLDatabase) async throws -> Int {
        try await sql.count("""
            SELECT COUNT(*) AS n FROM registrations WHERE event_id = \(bind: registration.eventID) AND status = 'waiting'
            AND (queued_at < \(bind: registration.queuedAt) OR (queued_at = \(bind: registration.queuedAt) AND id <= \(bind: registration.id)))
            """)
    }

    static func send(_ mail: OutgoingMail, to address: String, _ sql: any SQLDatabase, _ now: Date) async throws {
        try await MailQueries.enqueue(sql, to: address, subject: mail.subject, body: mail.body, attachments: mail.attachments,
                                      headers: mail.headers, now: now)
    }
}

extension PublicFormLimit {
    public static let registration = PublicFormLimit(form: "registration", perAddress: 20)
}
