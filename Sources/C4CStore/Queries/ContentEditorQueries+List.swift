import C4CCore
import Foundation
import SQLKit

/// The back office's content lists: filtered, sorted, a page at a time.
extension ContentEditorQueries {
    public struct ListRow: Sendable, RowDecodable {
        public var id: Int64
        public var slug: String
        public var lang: String
        public var title: String
        public var status: String
        public var publishAt: Int64?
        public var updatedAt: Int64
        public var authorName: String?
        public var translationGroup: String

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            slug = try row.decode(column: "slug")
            lang = try row.decode(column: "lang")
            title = try row.decode(column: "title")
            status = try row.decode(column: "status")
            publishAt = try row.decode(column: "publish_at")
            updatedAt = try row.decode(column: "updated_at")
            authorName = try row.decode(column: "author_name")
            translationGroup = try row.decode(column: "translation_group")
        }
    }

    /// The columns a list sorts by.
    public enum ListSort: String, Sendable, CaseIterable {
        case title, status, language, updated

        /// Names ascend, the newest change comes first.
        public var descendsFirst: Bool { self == .updated }
    }

    /// What a list shows: every filter is optional and they combine.
    public struct ListFilter: Sendable, Equatable {
        /// Words of the title.
        public var search: String?
        public var status: PublicationStatus?
        public var language: Language?
        /// Items credited to this member organisation (types with an owner only).
        public var organisationID: Int64?
        /// Items this user created.
        public var authorID: Int64?
        /// Originals with no translation into this language.
        public var missingIn: Language?
        /// Translations into this language older than their original.
        public var outdatedIn: Language?
        public var sort: ListSort
        public var descending: Bool
        public var page: Int

        public init(search: String? = nil, status: PublicationStatus? = nil, language: Language? = nil, organisationID: Int64? = nil,
                    authorID: Int64? = nil, missingIn: Language? = nil, outdatedIn: Language? = nil,
                    sort: ListSort = .updated, descending: Bool? = nil, page: Int = 1) {
            self.search = search
            self.status = status
            self.language = language
            self.organisationID = organisationID
            self.authorID = authorID
            self.missingIn = missingIn
            self.outdatedIn = outdatedIn
            self.sort = sort
            self.descending = descending ?? sort.descendsFirst
            self.page = max(1, page)
        }
    }

    public static let pageSize = 50

    /// A page of a type's items and how many match in all. `reachOf`: a member focal point's
    /// organisation, whose items alone they see, whatever the filter asks.
    public func list(_ type: ContentType, _ filter: ListFilter, reachOf: Int64? = nil,
                     pageSize: Int = Self.pageSize) async throws -> (rows: [ListRow], total: Int) {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let search = filter.search, !search.isEmpty {
            conditions.append("LOWER(x.\(ident: type.titleField)) LIKE \(bind: Self.containing(search)) ESCAPE '\\'")
        }
        if let status = filter.status { conditions.append("x.status = \(bind: status.rawValue)") }
        if let language = filter.language { conditions.append("x.lang = \(bind: language.rawValue)") }
        if let organisation = filter.organisationID, type.owner != .none { conditions.append(Self.ownership(type, organisation)) }
        if let author = filter.authorID { conditions.append("x.author_id = \(bind: author)") }
        if let language = filter.missingIn {
            conditions.append("""
                x.id = \(Self.originalID(type, of: "x")) AND NOT EXISTS (
                SELECT 1 FROM \(ident: type.table) m WHERE m.translation_group = x.translation_group AND m.lang = \(bind: language.rawValue))
                """)
        }
        if let language = filter.outdatedIn {
            conditions.append("""
                x.lang = \(bind: language.rawValue) AND x.id <> \(Self.originalID(type, of: "x"))
                AND x.updated_at < (SELECT o.updated_at FROM \(ident: type.table) o WHERE o.id = \(Self.originalID(type, of: "x")))
                """)
        }
        if let reachOf { conditions.append(Self.ownership(type, reachOf)) }
        let condition = conditions.joined(" AND ")
        let direction = filter.descending ? "DESC" : "ASC"
        // Titles compare lower-cased, byte by byte on both engines (PostgreSQL's "C", SQLite's
        // BINARY), so an editor sees the same order whichever database runs the site.
        let key: String = switch filter.sort {
        case .title: database.engine == .postgres ? "LOWER(x.\(type.titleField)) COLLATE \"C\"" : "LOWER(x.\(type.titleField))"
        case .status: "CASE x.status WHEN 'draft' THEN 0 WHEN 'scheduled' THEN 1 ELSE 2 END"
        case .language: "x.lang"
        case .updated: "x.updated_at"
        }
        let offset = (filter.page - 1) * pageSize
        return try await database.read { sql in
            let rows: [ListRow] = try await sql.rows("""
                SELECT x.id, x.slug, x.lang, x.\(ident: type.titleField) AS title, x.status, x.publish_at, x.updated_at, u.name AS author_name,
                x.translation_group
                FROM \(ident: type.table) x LEFT JOIN users u ON u.id = x.author_id WHERE \(condition)
                ORDER BY \(unsafeRaw: key) \(unsafeRaw: direction), x.id \(unsafeRaw: direction)
                LIMIT \(literal: pageSize) OFFSET \(literal: offset)
                """)
            return (rows, try await sql.count("SELECT COUNT(*) AS n FROM \(ident: type.table) x WHERE \(condition)"))
        }
    }

    /// A LIKE pattern for text that contains `search`, any case: its `%`, `_` and `\` stand for themselves.
    static func containing(_ search: String) -> String {
        var pattern = "%"
        for character in search.lowercased() {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }

    /// The people who created items of a type, by name, for the author filter.
    public func authors(_ type: ContentType) async throws -> [(id: Int64, name: String)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT u.id, u.name FROM users u WHERE EXISTS (SELECT 1 FROM \(ident: type.table) x WHERE x.author_id = u.id)
                ORDER BY u.name, u.id
                """).all().map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self)) }
        }
    }

    /// Member organisations by name, for the organisation filter.
    public func organisations() async throws -> [(id: Int64, name: String)] {
        try await database.read { sql in
            try await sql.raw("SELECT o.id, o.name FROM organisations o WHERE o.lang = 'en' ORDER BY o.sort_name, o.id").all()
                .map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "name", as: String.self)) }
        }
    }

    /// The title, language and status of the chosen items of a type, in the order given, for a
    /// bulk action's confirmation; ids that are not there are left out.
    public func summaries(_ type: ContentType, ids: [Int64]) async throws -> [ListRow] {
        guard !ids.isEmpty else { return [] }
        let rows: [ListRow] = try await database.read { sql in
            try await sql.rows("""
                SELECT x.id, x.slug, x.lang, x.\(ident: type.titleField) AS title, x.status, x.publish_at, x.updated_at, u.name AS author_name,
                x.translation_group
                FROM \(ident: type.table) x LEFT JOIN users u ON u.id = x.author_id
                WHERE x.id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ", ")))
                """)
        }
        return ids.compactMap { id in rows.first { $0.id == id } }
    }
}
