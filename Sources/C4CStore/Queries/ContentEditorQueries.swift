import C4CCore
import Foundation
import SQLKit

/// Reads and writes any content type the back office edits, driven by its `ContentType`: column
/// names come from those constant descriptions, every value is bound. Each save keeps a revision
/// and an audit entry in the same transaction.
public struct ContentEditorQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The condition that limits a member focal point to their own organisation's items.
    static func ownership(_ type: ContentType, _ organisationID: Int64) -> SQLQueryString {
        switch type.owner {
        case .none: "1 = 0"
        case .itself: "x.id = \(bind: organisationID)"
        case .column(let column): "x.\(ident: column) = \(bind: organisationID)"
        case .link(let table, let parent, let child):
            "EXISTS (SELECT 1 FROM \(ident: table) o WHERE o.\(ident: parent) = x.id AND o.\(ident: child) = \(bind: organisationID))"
        }
    }

    /// How an item stands to a member organisation, for the back-office gate.
    public enum Reach: Sendable, Equatable {
        case missing
        case otherOrganisation
        case ownDraft
        case ownPublished
    }

    public func reach(_ type: ContentType, id: Int64, organisationID: Int64) async throws -> Reach {
        try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT x.status, CASE WHEN \(Self.ownership(type, organisationID)) THEN 1 ELSE 0 END AS owned
                FROM \(ident: type.table) x WHERE x.id = \(bind: id)
                """).first() else { return .missing }
            guard try row.decode(column: "owned", as: Int.self) == 1 else { return .otherOrganisation }
            return try row.decode(column: "status", as: String.self) == PublicationStatus.draft.rawValue ? .ownDraft : .ownPublished
        }
    }

    /// An item as its form shows it: every field as text, plus slug, language, status and publish time.
    public struct Item: Sendable {
        public var id: Int64?
        public var slug: String
        public var lang: String
        public var status: String
        public var publishAt: Int64?
        public var fields: [String: String]
        /// The version this text was read at (nil for a new item): a save sends it back, and is
        /// refused if the item has moved on since.
        public var version: Int64?

        public init(id: Int64?, slug: String, lang: String, status: String, publishAt: Int64?, fields: [String: String], version: Int64? = nil) {
            self.id = id
            self.slug = slug
            self.lang = lang
            self.status = status
            self.publishAt = publishAt
            self.fields = fields
            self.version = version
        }
    }

    /// Date-and-time fields read in their zone; one whose local time the clocks show twice also
    /// carries `<field>_offset`, which of the two it is.
    public func load(_ type: ContentType, id: Int64) async throws -> Item? {
        try await database.read { sql in
            let columns = type.fields.filter(\.isColumn).map(\.name)
            guard let row = try await sql.raw("""
                SELECT x.id, x.slug, x.lang, x.status, x.publish_at, x.version, \(unsafeRaw: columns.map { "x.\($0)" }.joined(separator: ", "))
                FROM \(ident: type.table) x WHERE x.id = \(bind: id)
                """).first() else { return nil }
            let siteZone = try await SettingsQueries.timeZone(sql)
            var fields: [String: String] = [:]
            for field in type.fields {
                switch field.kind {
                case .flag:
                    fields[field.name] = try row.decode(column: field.name, as: Bool.self) ? "on" : ""
                case .integer, .image, .reference, .document:
                    fields[field.name] = try row.decode(column: field.name, as: Int64?.self).map(String.init) ?? ""
                case .instant, .siteInstant:
                    var zoneName: [String: String] = [:]
                    if case .instant(let zoneField) = field.kind { zoneName[zoneField] = try row.decode(column: zoneField, as: String.self) }
                    let zone = type.zone(of: field, in: zoneName, siteZone: siteZone)
                    let stored = try row.decode(column: field.name, as: Int64?.self)
                    fields[field.name] = stored.map { ContentType.localText($0, zone: zone) } ?? ""
                    fields[field.name + ContentType.offsetSuffix] = stored.flatMap { ContentType.offsetChoice($0, zone: zone) }
                case .links(let table, let parent, let child, _, _):
                    let rows = try await sql.raw("SELECT \(ident: child) AS id FROM \(ident: table) WHERE \(ident: parent) = \(bind: id)").all()
                    fields[field.name] = try rows.map { String(try $0.decode(column: "id", as: Int64.self)) }.joined(separator: ",")
                case .attachments(let table, let parent):
                    let rows = try await sql.raw("""
                        SELECT f.id, f.name, a.language, a.label FROM \(ident: table) a JOIN files f ON f.id = a.file_id
                        WHERE a.\(ident: parent) = \(bind: id) ORDER BY a.position, a.id
                        """).all()
                    fields[field.name] = RepeatableRows.text(try rows.map { row in
                        ["\(try row.decode(column: "id", as: Int64.self)) \(try row.decode(column: "name", as: String.self))",
                         try row.decode(column: "language", as: String.self),
                         try row.decode(column: "label", as: String.self)]
                    })
                case .languages(let table, let parent):
                    let rows = try await sql.raw("SELECT language FROM \(ident: table) WHERE \(ident: parent) = \(bind: id) ORDER BY language").all()
                    fields[field.name] = try rows.map { try $0.decode(column: "language", as: String.self) }.joined(separator: ",")
                case .lines(let table, let parent, let childColumns):
                    let children = try await sql.raw("""
                        SELECT \(unsafeRaw: childColumns.joined(separator: ", ")) FROM \(ident: table)
                        WHERE \(ident: parent) = \(bind: id) ORDER BY position
                        """).all()
                    fields[field.name] = RepeatableRows.text(try children.map { child in
                        try childColumns.map { try child.decode(column: $0, as: String.self) }
                    })
                default:
                    fields[field.name] = try row.decode(column: field.name, as: String?.self) ?? ""
                }
            }
            return Item(id: id, slug: try row.decode(column: "slug", as: String.self), lang: try row.decode(column: "lang", as: String.self),
                        status: try row.decode(column: "status", as: String.self),
                        publishAt: try row.decode(column: "publish_at", as: Int64?.self), fields: fields,
                        version: try row.decode(column: "version", as: Int64.self))
        }
    }

    public enum SaveError: Error, Equatable {
        /// A focal point's item was published or re-credited between the gate's check and the write.
        case noLongerYours
        case slugTaken
        /// An attachment line names a file number the media library does not hold.
        case unknownFile(field: String, name: String)
        /// The item already has a version in that language.
        case translationExists
        /// An image, file or item a field names is not there, or not of the kind the field takes.
        case missingReference(field: String, id: Int64)
        /// Someone saved the item after the editor opened it at the version they sent; nothing was written.
        case conflict
    }

    /// What a save wrote: the item and its version now; `replayed` when a create token had
    /// already made it (then nothing was written).
    public struct Saved: Sendable, Equatable {
        public let id: Int64
        public let version: Int64
        public let replayed: Bool
    }

    /// How long a create token is remembered: a retry comes within seconds; a day is ample.
    static let createTokenLifetime: Int64 = 24 * 3600

    /// Creates or updates an item, whatever version it is at. Returns its id.
    public func save(_ type: ContentType, id: Int64?, slug: String, lang: String, status: PublicationStatus, publishAt: Int64?,
                     values: [String: FieldValue], formText: [String: String], userID: Int64, organisationID: Int64?,
                     translationOf: Int64? = nil, now: Date) async throws -> Int64 {
        try await save(type, id: id, slug: slug, lang: lang, status: status, publishAt: publishAt, values: values, formText: formText,
                       userID: userID, organisationID: organisationID, translationOf: translationOf, now: now,
                       expecting: nil, createToken: nil).id
    }

    /// The item this user's create token made, if it was used.
    public func itemMade(byCreateToken token: String, userID: Int64, type: ContentType) async throws -> Int64? {
        try await database.read { sql in
            try await sql.raw("""
                SELECT item_id FROM create_tokens WHERE user_id = \(bind: userID) AND token = \(bind: token)
                AND item_table = \(bind: type.table) AND item_id > 0
                """).first()?.decode(column: "item_id", as: Int64.self)
        }
    }

    /// Creates or updates an item. An update `expecting` a version writes only if the item is
    /// still at it (checked and raised by the UPDATE itself, so of two saves from one version only
    /// one writes), else throws `conflict`. A create with a `createToken` this user already used
    /// writes nothing and answers the item it made.
    public func save(_ type: ContentType, id: Int64?, slug: String, lang: String, status: PublicationStatus, publishAt: Int64?,
                     values: [String: FieldValue], formText: [String: String], userID: Int64, organisationID: Int64?,
                     translationOf: Int64? = nil, now: Date, expecting expectedVersion: Int64?, createToken: String?) async throws -> Saved {
        try await database.write { sql in
            if id == nil, let createToken {
                try await sql.raw("DELETE FROM create_tokens WHERE expires_at < \(bind: now.epochSeconds)").run()
                // Claimed first: on PostgreSQL a concurrent retry waits here for the first to commit, then finds its item.
                let claimed = try await sql.raw("""
                    INSERT INTO create_tokens (user_id, token, item_table, item_id, expires_at)
                    VALUES (\(bind: userID), \(bind: createToken), \(bind: type.table), 0, \(bind: now.epochSeconds + Self.createTokenLifetime))
                    ON CONFLICT (user_id, token) DO NOTHING RETURNING item_id
                    """).first()
                if claimed == nil {
                    // Used before: the item it made (a token is never taken to another type's table).
                    guard let made = try await sql.raw("""
                        SELECT t.item_id, x.version FROM create_tokens t JOIN \(ident: type.table) x ON x.id = t.item_id
                        WHERE t.user_id = \(bind: userID) AND t.token = \(bind: createToken) AND t.item_table = \(bind: type.table)
                        """).first() else { throw SaveError.conflict }
                    return Saved(id: try made.decode(column: "item_id", as: Int64.self), version: try made.decode(column: "version", as: Int64.self),
                                 replayed: true)
                }
            }
            let taken = try await sql.count("""
                SELECT COUNT(*) AS n FROM \(ident: type.table) WHERE slug = \(bind: slug) AND lang = \(bind: lang)
                AND id <> \(bind: id ?? -1)
                """)
            if taken > 0 { throw SaveError.slugTaken }
            try await Self.checkReferences(sql, type, values)
            var columns: [(String, any SQLExpression)] = [
                ("slug", SQLBind(slug)), ("lang", SQLBind(lang)), ("status", SQLBind(status.rawValue)),
                ("publish_at", publishAt.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null),
                ("updated_at", SQLBind(now.epochSeconds)),
            ]
            for field in type.fields where field.isColumn {
                columns.append((field.name, Self.expression(values[field.name] ?? .null)))
            }
            let itemID: Int64, version: Int64
            if let id {
                // The gate let a focal point in; the item must still be theirs (and a draft) as it is written.
                if let organisationID {
                    let draftOnly: SQLQueryString = type.focalPoints == .proposals ? "x.status = 'draft'" : "1 = 1"
                    let stillTheirs = try await sql.count("""
                        SELECT COUNT(*) AS n FROM \(ident: type.table) x
                        WHERE x.id = \(bind: id) AND \(Self.ownership(type, organisationID)) AND \(draftOnly)
                        """)
                    if stillTheirs == 0 { throw SaveError.noLongerYours }
                }
                let old = try await sql.raw("SELECT slug, lang, status FROM \(ident: type.table) WHERE id = \(bind: id)").first()
                let assignments: [SQLQueryString] = columns.map { "\(ident: $0.0) = \($0.1)" } + ["version = version + 1"]
                let unchanged: SQLQueryString = expectedVersion.map { "AND version = \(bind: $0)" } ?? ""
                guard let updated = try await sql.raw("""
                    UPDATE \(ident: type.table) SET \(assignments.joined(", ")) WHERE id = \(bind: id) \(unchanged) RETURNING version
                    """).first() else { throw SaveError.conflict }
                itemID = id
                version = try updated.decode(column: "version", as: Int64.self)
                // A published address never breaks: a renamed item's old address redirects to the new one.
                if let old, let oldSlug = try? old.decode(column: "slug", as: String.self), oldSlug != slug,
                   (try? old.decode(column: "status", as: String.self)) != "draft",
                   let from = type.publicAddress(slug: oldSlug), let to = type.publicAddress(slug: slug) {
                    let prefix = lang == "en" ? "" : "/\(lang)"
                    try await sql.raw("""
                        INSERT INTO redirects (from_path, to_path, status_code) VALUES (\(bind: prefix + from), \(bind: prefix + to), 301)
                        ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, status_code = excluded.status_code
                        """).run()
                }
            } else {
                var group = "\(type.table)/\(lang)/\(slug)/\(Tokens.random(bytes: 6))"
                if let translationOf,
                   let source = try await sql.raw("SELECT translation_group FROM \(ident: type.table) WHERE id = \(bind: translationOf)").first() {
                    group = try source.decode(column: "translation_group", as: String.self)
                    let existing = try await sql.count("""
                        SELECT COUNT(*) AS n FROM \(ident: type.table) WHERE translation_group = \(bind: group) AND lang = \(bind: lang)
                        """)
                    if existing > 0 { throw SaveError.translationExists }
                }
                columns += [("translation_group", SQLBind(group)),
                            ("author_id", SQLBind(userID)), ("created_at", SQLBind(now.epochSeconds))]
                if let organisationID, case .column(let column) = type.owner {
                    columns.removeAll { $0.0 == column }
                    columns.append((column, SQLBind(organisationID)))
                }
                let row = try await sql.insert(into: type.table).columns(columns.map(\.0)).values(columns.map(\.1)).returning("id", "version").first()
                itemID = try row!.decode(column: "id", as: Int64.self)
                version = try row!.decode(column: "version", as: Int64.self)
                if let createToken {
                    try await sql.raw("""
                        UPDATE create_tokens SET item_id = \(bind: itemID) WHERE user_id = \(bind: userID) AND token = \(bind: createToken)
                        """).run()
                }
            }
            for field in type.fields {
                guard case .rows(let rows)? = values[field.name] else { continue }
                switch field.kind {
                case .links(let table, let parent, let child, _, _):
                    try await sql.raw("DELETE FROM \(ident: table) WHERE \(ident: parent) = \(bind: itemID)").run()
                    for id in Set(rows.compactMap { $0.first.flatMap { Int64($0) } }) {
                        try await sql.insert(into: table).columns([parent, child]).values([SQLBind(itemID), SQLBind(id)]).run()
                    }
                    continue
                case .attachments(let table, let parent):
                    try await sql.raw("DELETE FROM \(ident: table) WHERE \(ident: parent) = \(bind: itemID)").run()
                    for (position, row) in rows.enumerated() {
                        guard let file = try await sql.raw("SELECT f.id FROM files f WHERE f.id = \(bind: Int64(row[0]) ?? -1)").first()
                        else { throw SaveError.unknownFile(field: field.name, name: row[0]) }
                        try await sql.insert(into: table).columns([parent, "file_id", "language", "label", "position"])
                            .values([SQLBind(itemID), SQLBind(try file.decode(column: "id", as: Int64.self)),
                                     SQLBind(row[1].isEmpty ? lang : row[1]), SQLBind(row[2]), SQLBind(position)]).run()
                    }
                    continue
                case .languages(let table, let parent):
                    try await sql.raw("DELETE FROM \(ident: table) WHERE \(ident: parent) = \(bind: itemID)").run()
                    for code in Set(rows.compactMap(\.first)) {
                        try await sql.insert(into: table).columns([parent, "language"]).values([SQLBind(itemID), SQLBind(code)]).run()
                    }
                    continue
                default:
                    break
                }
                guard case .lines(let table, let parent, let childColumns) = field.kind else { continue }
                try await sql.raw("DELETE FROM \(ident: table) WHERE \(ident: parent) = \(bind: itemID)").run()
                for (position, row) in rows.enumerated() {
                    try await sql.insert(into: table).columns([parent, "position"] + childColumns)
                        .values([SQLBind(itemID), SQLBind(position)] + row.map { SQLBind($0) as any SQLExpression }).run()
                }
            }
            // A focal point's proposal stays credited to their organisation, or they would lose it.
            if let organisationID, case .link(let table, let parent, let child) = type.owner,
               try await sql.count("SELECT COUNT(*) AS n FROM \(ident: table) WHERE \(ident: parent) = \(bind: itemID) AND \(ident: child) = \(bind: organisationID)") == 0 {
                try await sql.insert(into: table).columns([parent, child]).values([SQLBind(itemID), SQLBind(organisationID)]).run()
            }
            let snapshot = String(decoding: try JSONEncoder().encode(formText.merging(["slug": slug, "status": status.rawValue]) { a, _ in a }), as: UTF8.self)
            try await Inserter(sql).insert("revisions", [
                "item_type": type.table, "item_id": itemID, "data": snapshot, "user_id": userID, "at": now.epochSeconds,
            ])
            try await AuditQueries.record(sql, userID: userID, action: id == nil ? "create" : "update", itemType: type.table,
                                          itemID: itemID, summary: "\(formText[type.titleField] ?? slug) (\(status.rawValue))", now: now)
            try await SearchIndex.refresh(table: type.table, ids: [itemID], in: sql)
            // The editor's background copy is spent once they save the item itself.
            try await sql.raw("""
                DELETE FROM autosaves WHERE item_table = \(bind: type.table) AND item_id = \(bind: itemID) AND user_id = \(bind: userID)
                """).run()
            try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
            return Saved(id: itemID, version: version, replayed: false)
        }
    }

    /// Every image, file and item the values name must exist, checked in the save's transaction:
    /// the database's foreign key would refuse the save with an error no editor can read.
    static func checkReferences(_ sql: any SQLDatabase, _ type: ContentType, _ values: [String: FieldValue]) async throws {
        for field in type.fields {
            let ids: [Int64]
            switch values[field.name] {
            case .integer(let id)?: ids = [id]
            case .rows(let rows)?: ids = rows.compactMap { $0.first.flatMap { Int64($0) } }
            default: continue
            }
            let query: (Int64) -> SQLQueryString
            switch field.kind {
            case .image: query = { "SELECT COUNT(*) AS n FROM media WHERE id = \(bind: $0) AND kind = 'image'" }
            case .document: query = { "SELECT COUNT(*) AS n FROM files WHERE id = \(bind: $0)" }
            case .reference(let table, _), .links(_, _, _, let table, _):
                query = { "SELECT COUNT(*) AS n FROM \(ident: table) WHERE id = \(bind: $0)" }
            default: continue
            }
            for id in ids where try await sql.count(query(id)) == 0 {
                throw SaveError.missingReference(field: field.name, id: id)
            }
        }
    }

    static func expression(_ value: FieldValue) -> any SQLExpression {
        switch value {
        case .text(let text): SQLBind(text)
        case .integer(let number): SQLBind(number)
        case .flag(let flag): SQLBind(flag)
        case .null, .rows: SQLLiteral.null
        }
    }

    /// Deletes an item. Its public address then answers 410, or redirects where the editor chose.
    public func delete(_ type: ContentType, id: Int64, redirectTo: String?, userID: Int64, now: Date) async throws {
        try await database.write { sql in
            guard let row = try await sql.raw("SELECT slug, lang FROM \(ident: type.table) WHERE id = \(bind: id)").first() else { return }
            let slug = try row.decode(column: "slug", as: String.self)
            let lang = try row.decode(column: "lang", as: String.self)
            try await sql.raw("DELETE FROM \(ident: type.table) WHERE id = \(bind: id)").run()
            try await sql.raw("DELETE FROM autosaves WHERE item_table = \(bind: type.table) AND item_id = \(bind: id)").run()
            try await SearchIndex.refresh(table: type.table, ids: [id], in: sql)
            if let address = type.publicAddress(slug: slug) {
                let path = (lang == "en" ? "" : "/\(lang)") + address
                try await sql.raw("""
                    INSERT INTO redirects (from_path, to_path, status_code) VALUES (\(bind: path), \(bind: redirectTo ?? ""), \(bind: redirectTo == nil ? 410 : 301))
                    ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, status_code = excluded.status_code
                    """).run()
            }
            try await AuditQueries.record(sql, userID: userID, action: "delete", itemType: type.table, itemID: id,
                                          summary: "\(slug)\(redirectTo.map { " → \($0)" } ?? " (410)")", now: now)
            try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
        }
    }

}
