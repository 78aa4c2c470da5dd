import C4CCore
import Crypto
import Foundation
import SQLKit

/// `c4c import-wordpress`: brings a WordPress export (WXR) and its uploads folder in. Two passes
/// over the stream: the first takes authors, categories and tags (as topics) and attachments (as
/// media), the second posts and pages, whose bodies then find the imported images. Only small maps
/// (WordPress id to new id, uploads address to file) stay in memory. Writes go through the same
/// paths as the back office, so search and cached pages stay true; every old address redirects.
public struct WordPressImporter: Sendable {
    public enum Outcome: Sendable { case created, updated, unchanged }

    public struct Progress: Sendable {
        /// 1 while media and topics are read, 2 while posts and pages are.
        public var pass: Int
        public var done: Int
        /// Known in the second pass: the posts and pages the first one counted.
        public var total: Int?
    }

    let database: any Database
    let uploads: URL?
    let userID: Int64
    let now: Date

    public init(database: any Database, uploads: URL?, userID: Int64, now: Date) {
        self.database = database
        self.uploads = uploads
        self.userID = userID
        self.now = now
    }

    public enum ImportError: Error, CustomStringConvertible {
        case noImportingUser(String?)

        public var description: String {
            switch self {
            case .noImportingUser(let email?): "No active user with the address \(email)"
            case .noImportingUser(nil): "No administrator to credit the import to: create one first with `c4c create-admin`"
            }
        }
    }

    /// The user imported items are credited to: the one named, or the first administrator.
    public static func importingUser(in database: any Database, email: String?) async throws -> Int64 {
        try await database.read { sql in
            let query: SQLQueryString = email.map { "SELECT id FROM users WHERE email = \(bind: $0.lowercased()) AND disabled = FALSE" }
                ?? "SELECT id FROM users WHERE role = 'administrator' AND disabled = FALSE ORDER BY id LIMIT 1"
            guard let row = try await sql.raw(query).first() else { throw ImportError.noImportingUser(email) }
            return try row.decode(column: "id", as: Int64.self)
        }
    }

    public func run(_ file: URL, progress: @escaping @Sendable (Progress) -> Void = { _ in }) async throws -> WordPressImportReport {
        var state = ImportState(importer: self)
        var read = 0
        let first = WXRReader.events(of: file)
        defer { first.stop() }
        for try await event in first {
            switch event {
            case .site(let base, let language):
                state.site = base.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                state.language = Language(rawValue: String(language.prefix(2)).lowercased()) ?? .default
            case .author(let login, let name):
                state.authors[login] = name.isEmpty ? login : name
            case .term(let term):
                try await state.importTerm(term)
            case .item(let item):
                read += 1
                if read % 50 == 0 { progress(Progress(pass: 1, done: read, total: nil)) }
                try await state.survey(item)
            }
        }
        let total = state.postsAndPages
        var done = 0
        let second = WXRReader.events(of: file)
        defer { second.stop() }
        for try await event in second {
            guard case .item(let item) = event, item.type == "post" || item.type == "page" else { continue }
            try await state.importPostOrPage(item)
            done += 1
            if done % 20 == 0 || done == total { progress(Progress(pass: 2, done: done, total: total)) }
        }
        return state.report
    }
}

/// What one run knows and has done.
struct ImportState {
    let importer: WordPressImporter
    var site = ""
    var language = Language.default
    var report = WordPressImportReport()
    var authors: [String: String] = [:]
    /// "category/slug" or "post_tag/slug" to topic id, and each category's path of slugs.
    var topics: [String: Int64] = [:]
    var topicSlugs: [Int64: String] = [:]
    var topicParents: [Int64: Int64] = [:]
    var categoryPaths: [String: String] = [:]
    var files: [Int64: WordPressMarkdown.File] = [:]
    var filesByUpload: [String: Int64] = [:]
    /// Pages' slugs and parents, for the old `/parent/child/` addresses.
    var pages: [Int64: (slug: String, parent: Int64)] = [:]
    var postsAndPages = 0

    var database: any Database { importer.database }
    var prefix: String { language == .default ? "" : "/\(language.rawValue)" }

    init(importer: WordPressImporter) { self.importer = importer }

    static func fingerprint(_ parts: [String]) -> String {
        SHA256.hash(data: Data(parts.joined(separator: "\u{1F}").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    func mapping(_ kind: String, _ id: Int64) async throws -> (table: String, id: Int64, fingerprint: String)? {
        let site = self.site
        return try await database.read { sql in
            guard let row = try await sql.raw("""
                SELECT item_table, item_id, fingerprint FROM wordpress_imports
                WHERE site = \(bind: site) AND wp_kind = \(bind: kind) AND wp_id = \(bind: id)
                """).first() else { return nil }
            return (try row.decode(column: "item_table", as: String.self), try row.decode(column: "item_id", as: Int64.self),
                    try row.decode(column: "fingerprint", as: String.self))
        }
    }

    static func record(_ sql: any SQLDatabase, site: String, kind: String, id: Int64, table: String, itemID: Int64,
                       fingerprint: String) async throws {
        try await sql.raw("""
            INSERT INTO wordpress_imports (site, wp_kind, wp_id, item_table, item_id, fingerprint)
            VALUES (\(bind: site), \(bind: kind), \(bind: id), \(bind: table), \(bind: itemID), \(bind: fingerprint))
            ON CONFLICT (site, wp_kind, wp_id) DO UPDATE SET item_table = excluded.item_table, item_id = excluded.item_id,
            fingerprint = excluded.fingerprint
            """).run()
    }

    /// Points old paths at a new one; returns how many redirects were created, changed and kept.
    static func redirect(_ sql: any SQLDatabase, from paths: [String], to target: String) async throws -> [WordPressImporter.Outcome] {
        guard WordPressAddresses.isOwnPath(target) else { return [] }
        var outcomes: [WordPressImporter.Outcome] = []
        for path in Set(paths) where path != target && path.hasPrefix("/") && !path.hasPrefix("//") {
            if let row = try await sql.raw("SELECT to_path, status_code FROM redirects WHERE from_path = \(bind: path)").first() {
                if try row.decode(column: "to_path", as: String.self) == target, try row.decode(column: "status_code", as: Int.self) == 301 {
                    outcomes.append(.unchanged)
                    continue
                }
                try await sql.raw("UPDATE redirects SET to_path = \(bind: target), status_code = 301 WHERE from_path = \(bind: path)").run()
                outcomes.append(.updated)
            } else {
                try await sql.raw("INSERT INTO redirects (from_path, to_path, status_code) VALUES (\(bind: path), \(bind: target), 301)").run()
                outcomes.append(.created)
            }
        }
        return outcomes
    }

    // MARK: Topics

    mutating func importTerm(_ term: WXRTerm) async throws {
        guard term.taxonomy == "category" || term.taxonomy == "post_tag" else {
            report.skip(term.name, because: "terms of the taxonomy '\(term.taxonomy)' are not imported")
            return
        }
        let decoded = term.slug.removingPercentEncoding ?? term.slug
        let made = Slug.isValid(decoded) ? decoded : Slug.make(from: term.name)
        let slug = made.isEmpty ? "topic-wp-\(term.id)" : made
        // Topics nest one level: a category deeper down is filed under its top-level ancestor.
        let parent: Int64? = term.taxonomy == "category" ? topics["category/\(term.parentSlug)"].map { topicParents[$0] ?? $0 } : nil
        let name = String(HTMLEntities.decode(term.name).prefix(200))
        let fingerprint = Self.fingerprint([name, parent.map(String.init) ?? ""])
        let mapped = try await mapping(term.taxonomy, term.id)
        let (site, userID, now) = (self.site, importer.userID, importer.now)
        let (topicID, outcome): (Int64, WordPressImporter.Outcome) = try await database.write { sql in
            if let mapped, let row = try await sql.raw("SELECT slug FROM topics WHERE id = \(bind: mapped.id)").first() {
                _ = row
                guard mapped.fingerprint != fingerprint else { return (mapped.id, .unchanged) }
                try await sql.raw("UPDATE topics SET name = \(bind: name), parent_id = \(bind: parent) WHERE id = \(bind: mapped.id)").run()
                try await SearchIndex.refresh(filedUnderTopics: [mapped.id], in: sql)
                try await AuditQueries.record(sql, userID: userID, action: "import", itemType: "topics", itemID: mapped.id, summary: name, now: now)
                try await Self.record(sql, site: site, kind: term.taxonomy, id: term.id, table: "topics", itemID: mapped.id, fingerprint: fingerprint)
                try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
                return (mapped.id, .updated)
            }
            // A topic of that address already here (a tag and a category alike, or the site's own) is the one.
            if let row = try await sql.raw("SELECT id FROM topics WHERE slug = \(bind: slug) AND lang = 'en'").first() {
                let id = try row.decode(column: "id", as: Int64.self)
                try await Self.record(sql, site: site, kind: term.taxonomy, id: term.id, table: "topics", itemID: id, fingerprint: fingerprint)
                return (id, .unchanged)
            }
            let id = try await Inserter(sql).insert("topics", [
                "lang": "en", "translation_group": "topics/\(slug)", "slug": slug, "name": name, "parent_id": parent,
            ])
            try await AuditQueries.record(sql, userID: userID, action: "import", itemType: "topics", itemID: id, summary: name, now: now)
            try await Self.record(sql, site: site, kind: term.taxonomy, id: term.id, table: "topics", itemID: id, fingerprint: fingerprint)
            try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
            return (id, .created)
        }
        report.count("topics", outcome)
        topics["\(term.taxonomy)/\(term.slug)"] = topicID
        let topicSlug = try await database.read { sql in
            try await sql.raw("SELECT slug, parent_id FROM topics WHERE id = \(bind: topicID)").first()
        }
        topicSlugs[topicID] = try topicSlug?.decode(column: "slug", as: String.self) ?? slug
        if let parentID = try topicSlug?.decode(column: "parent_id", as: Int64?.self) { topicParents[topicID] = parentID }
        var old: [String]
        if term.taxonomy == "category" {
            let path = categoryPaths[term.parentSlug].map { $0 + "/" + term.slug } ?? term.slug
            categoryPaths[term.slug] = path
            old = WordPressAddresses.withAndWithoutSlash("/category/\(path)/") + ["/?cat=\(term.id)"]
        } else {
            old = WordPressAddresses.withAndWithoutSlash("/tag/\(term.slug)/") + ["/?tag=\(term.slug)"]
        }
        try await redirect(old, to: "\(prefix)/blog/topics/\(topicSlugs[topicID] ?? slug)")
    }

    mutating func redirect(_ paths: [String], to target: String) async throws {
        let outcomes = try await database.write { sql in try await Self.redirect(sql, from: paths, to: target) }
        for outcome in outcomes { report.count("redirects", outcome) }
    }

    // MARK: First pass over items

    mutating func survey(_ item: WXRItem) async throws {
        switch item.type {
        case "attachment":
            try await importAttachment(item)
        case "page":
            pages[item.id] = (WordPressAddresses.path(of: item.link).flatMap(Self.lastSegment) ?? item.slug, item.parentID)
            postsAndPages += 1
        case "post":
            postsAndPages += 1
        default:
            report.skip("\(item.id)", because: "items of the type '\(item.type)' are not imported")
        }
    }

    static func lastSegment(_ path: String) -> String? {
        guard !path.hasPrefix("/?") else { return nil }
        return path.split(separator: "/").last.map(String.init)
    }

    static func label(_ item: WXRItem) -> String {
        let title = HTMLEntities.decode(item.title).trimmingCharacters(in: .whitespacesAndNewlines)
        return "\(item.type) \(item.id)" + (title.isEmpty ? "" : " ‘\(title.prefix(60))’")
    }

    mutating func importAttachment(_ item: WXRItem) async throws {
        let label = Self.label(item)
        guard let uploads = importer.uploads else {
            report.skip(label, because: "no uploads folder given (--uploads)")
            return
        }
        let relative = item.meta["_wp_attached_file"].flatMap { $0.isEmpty ? nil : $0 }
            ?? WordPressAddresses.uploadKey(item.attachmentURL).map { _ in
                let path = URLComponents(string: item.attachmentURL)?.path ?? ""
                return String(path[(path.range(of: "/uploads/")?.upperBound ?? path.endIndex)...])
            } ?? ""
        let file = uploads.appendingPathComponent(relative).standardizedFileURL
        // An export names files; it must not reach outside the uploads folder.
        guard !relative.isEmpty, !relative.split(separator: "/").contains(".."),
              file.path.hasPrefix(uploads.standardizedFileURL.path + "/") else {
            report.skip(label, because: "no file name in the export")
            return
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? nil
        guard let size else {
            report.skip(label, because: "file not found in the uploads folder")
            return
        }
        guard size <= UploadKind.overallLimit else {
            report.skip(label, because: "larger than the media library takes")
            return
        }
        let data = try Data(contentsOf: file)
        let name = WordPressAddresses.fileName(relative)
        let bytes = [UInt8](data.prefix(65_536))
        // Judged by its content, as an upload is.
        guard let kind = UploadKind.detect(bytes, name: name) else {
            report.skip(label, because: "not a kind of file the media library takes")
            return
        }
        guard data.count <= kind.maximumBytes else {
            report.skip(label, because: "larger than the media library takes")
            return
        }
        let dimensions = kind.isImage ? UploadKind.dimensions(bytes, kind: kind) : nil
        let title = String(HTMLEntities.decode(item.title).prefix(200))
        let alt = String((item.meta["_wp_attachment_image_alt"] ?? "").prefix(300))
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        let fingerprint = Self.fingerprint([digest, name, title, alt])
        let mapped = try await mapping("attachment", item.id)
        let (site, userID, now) = (self.site, importer.userID, importer.now)
        let stored: (media: Int64, file: Int64, outcome: WordPressImporter.Outcome)? = try await database.write { sql in
            if let mapped, let row = try await sql.raw("SELECT file_id FROM media WHERE id = \(bind: mapped.id)").first() {
                let fileID = try row.decode(column: "file_id", as: Int64.self)
                guard mapped.fingerprint != fingerprint else { return (mapped.id, fileID, .unchanged) }
                try await sql.raw("""
                    UPDATE files SET name = \(bind: name), content_type = \(bind: kind.contentType), byte_size = \(bind: Int64(data.count)),
                    sha256 = \(bind: digest), data = \(bind: data) WHERE id = \(bind: fileID)
                    """).run()
                try await sql.raw("""
                    UPDATE media SET title = \(bind: title), alt_text = \(bind: alt), width = \(bind: dimensions?.width),
                    height = \(bind: dimensions?.height) WHERE id = \(bind: mapped.id)
                    """).run()
                try await AuditQueries.record(sql, userID: userID, action: "import", itemType: "media", itemID: mapped.id, summary: name, now: now)
                try await Self.record(sql, site: site, kind: "attachment", id: item.id, table: "media", itemID: mapped.id, fingerprint: fingerprint)
                try await sql.raw("UPDATE content_version SET version = version + 1 WHERE id = 1").run()
                return (mapped.id, fileID, .updated)
            }
            if mapped != nil { return nil }
            let inserter = Inserter(sql)
            let fileID = try await inserter.storeFile(name: name, contentType: kind.contentType, data: data, now: now)
            // No safeguarding answer: the image waits for an editor's, as a contributor's does.
            let mediaID = try await inserter.insert("media", [
                "file_id": fileID, "kind": kind.isImage ? "image" : "document", "title": title, "alt_text": alt, "credit": "",
                "width": dimensions?.width, "height": dimensions?.height, "uploaded_by": userID, "created_at": now.epochSeconds,
            ])
            try await AuditQueries.record(sql, userID: userID, action: "import", itemType: "media", itemID: mediaID,
                                          summary: "\(name) (\(data.count) bytes)", now: now)
            try await Self.record(sql, site: site, kind: "attachment", id: item.id, table: "media", itemID: mediaID, fingerprint: fingerprint)
            return (mediaID, fileID, .created)
        }
        guard let stored else {
            report.skip(label, because: "deleted here since an earlier import")
            return
        }
        report.count("media", stored.outcome)
        let path = "/files/\(stored.file)/\(name)"
        files[item.id] = WordPressMarkdown.File(path: path, mediaID: stored.media, isImage: kind.isImage)
        for address in [item.attachmentURL, item.guid, relative] {
            if let key = WordPressAddresses.uploadKey(address.hasPrefix("http") || address.hasPrefix("/") ? address : "/uploads/" + address) {
                filesByUpload[key] = item.id
            }
        }
        var old = ["/?attachment_id=\(item.id)"]
        if let page = WordPressAddresses.path(of: item.link) { old += WordPressAddresses.withAndWithoutSlash(page) }
        if let upload = URLComponents(string: item.attachmentURL)?.percentEncodedPath, upload.hasPrefix("/") { old.append(upload) }
        try await redirect(old, to: path)
    }

    // MARK: Second pass: posts and pages

    static let statuses: [String: PublicationStatus] = [
        "publish": .published, "future": .scheduled, "draft": .draft, "pending": .draft, "private": .draft,
    ]
    /// Addresses this site answers itself: a page there could never be reached.
    static let reservedSlugs: Set<String> = [
        "about", "admin", "affiliates", "api", "assets", "blog", "contact", "contribute", "events", "facts", "feed", "files",
        "healthz", "members", "metrics", "newsletter", "resources", "search", "sitemap", "vacancies", "en", "fr", "es", "pt", "ar",
    ]

    func converter() -> WordPressMarkdown {
        let files = self.files
        let byUpload = self.filesByUpload
        return WordPressMarkdown(
            fileAtAddress: { address in WordPressAddresses.uploadKey(address).flatMap { byUpload[$0] }.flatMap { files[$0] } },
            fileWithID: { files[$0] })
    }

    mutating func importPostOrPage(_ item: WXRItem) async throws {
        let isPost = item.type == "post"
        let type = ContentTypes.named(isPost ? "posts" : "pages")!
        let label = Self.label(item)
        guard let status = Self.statuses[item.status] else {
            report.skip(label, because: "status '\(item.status)' is not imported")
            return
        }
        let converted = converter().convert(item.content)
        for what in converted.unconverted { report.unconverted(what, in: label) }
        var title = Self.plainText(item.title)
        if title.isEmpty { title = "\(isPost ? "Post" : "Page") \(item.id)" }
        let summary = Self.plainText(item.excerpt)
        var input: [String: String] = [
            "title": String(title.prefix(isPost ? 300 : 200)),
            "summary": String(summary.prefix(isPost ? 600 : 400)),
            "body": converted.markdown.isEmpty ? (summary.isEmpty ? title : summary) : converted.markdown,
        ]
        if isPost {
            input["byline"] = String((authors[item.creator] ?? item.creator).prefix(200))
            if let thumbnail = item.meta["_thumbnail_id"].flatMap({ Int64($0) }), let cover = files[thumbnail], cover.isImage {
                input["cover_image_id"] = String(cover.mediaID)
            }
            let ids = Set(item.terms.compactMap { topics["\($0.domain)/\($0.slug)"] })
            input["topics"] = ids.sorted().map(String.init).joined(separator: ",")
        }
        let (values, errors) = type.validate(input)
        if let problem = errors.messages.sorted(by: { $0.key < $1.key }).first {
            report.skip(label, because: "\(problem.key): \(problem.value)")
            return
        }
        let publishAt = WordPressAddresses.instant(item.dateGMT) ?? WordPressAddresses.instant(item.date)
        let mapped = try await mapping(item.type, item.id)
        let fingerprint = Self.fingerprint(input.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                                           + [status.rawValue, publishAt.map(String.init) ?? ""])
        let editor = ContentEditorQueries(database: database)
        let kind = isPost ? "posts" : "pages"
        var itemID: Int64
        var slug: String
        if let mapped {
            let table = type.table
            guard let row = try await database.read({ sql in
                try await sql.raw("SELECT slug FROM \(ident: table) WHERE id = \(bind: mapped.id)").first()
            }) else {
                report.skip(label, because: "deleted here since an earlier import")
                return
            }
            // The address it got here stays, even if an editor has changed it since.
            slug = try row.decode(column: "slug", as: String.self)
            itemID = mapped.id
            if mapped.fingerprint == fingerprint {
                report.count(kind, .unchanged)
            } else {
                _ = try await editor.save(type, id: itemID, slug: slug, lang: language.rawValue, status: status, publishAt: publishAt,
                                          values: values, formText: input, userID: importer.userID, organisationID: nil, now: importer.now)
                report.count(kind, .updated)
            }
        } else {
            var saved: (Int64, String)?
            for candidate in slugCandidates(item, title: title, isPost: isPost) {
                do {
                    let id = try await editor.save(type, id: nil, slug: candidate, lang: language.rawValue, status: status, publishAt: publishAt,
                                                   values: values, formText: input, userID: importer.userID, organisationID: nil,
                                                   now: importer.now)
                    saved = (id, candidate)
                    break
                } catch ContentEditorQueries.SaveError.slugTaken {
                    continue
                }
            }
            guard let saved else {
                report.skip(label, because: "no free address for it")
                return
            }
            (itemID, slug) = saved
            report.count(kind, .created)
        }
        let (site, table, mediaIDs) = (self.site, type.table, converted.mediaIDs)
        let target = "\(prefix)\(isPost ? "/blog/" : "/")\(slug)"
        var old: [String] = []
        if status == .published {
            if let link = WordPressAddresses.path(of: item.link) { old += WordPressAddresses.withAndWithoutSlash(link) }
            if isPost {
                old.append("/?p=\(item.id)")
                if let date = publishAt {
                    let parts = Calendar(identifier: .gregorian).dateComponents(in: .gmt, from: Date(epochSeconds: date))
                    old += WordPressAddresses.withAndWithoutSlash(String(format: "/%04d/%02d/", parts.year ?? 0, parts.month ?? 0) + item.slug + "/")
                }
            } else {
                old.append("/?page_id=\(item.id)")
                if let path = pagePath(item.id) { old += WordPressAddresses.withAndWithoutSlash(path) }
            }
            old = old.filter { !$0.hasSuffix("//") }
        }
        let (savedID, oldPaths) = (itemID, old)
        let outcomes = try await database.write { sql in
            let itemID = savedID
            try await Self.record(sql, site: site, kind: item.type, id: item.id, table: table, itemID: itemID, fingerprint: fingerprint)
            try await sql.raw("DELETE FROM wordpress_body_images WHERE item_table = \(bind: table) AND item_id = \(bind: itemID)").run()
            for media in mediaIDs.sorted() {
                try await sql.raw("""
                    INSERT INTO wordpress_body_images (item_table, item_id, media_id) VALUES (\(bind: table), \(bind: itemID), \(bind: media))
                    """).run()
            }
            return try await Self.redirect(sql, from: oldPaths, to: target)
        }
        for outcome in outcomes { report.count("redirects", outcome) }
    }

    /// `/parent/child/` from the pages' slugs, or nil when a parent is missing or the chain loops.
    func pagePath(_ id: Int64) -> String? {
        var segments: [String] = []
        var current = id
        while current != 0, segments.count < 20 {
            guard let page = pages[current], !page.slug.isEmpty else { return nil }
            segments.insert(page.slug, at: 0)
            current = page.parent
        }
        return current == 0 ? "/" + segments.joined(separator: "/") + "/" : nil
    }

    func slugCandidates(_ item: WXRItem, title: String, isPost: Bool) -> [String] {
        let decoded = item.slug.removingPercentEncoding ?? item.slug
        var base = Slug.isValid(decoded) ? decoded : Slug.make(from: decoded.isEmpty ? title : decoded)
        if base.isEmpty { base = Slug.make(from: title) }
        if base.isEmpty { base = "\(isPost ? "post" : "page")-\(item.id)" }
        var candidates: [String] = []
        if isPost || !Self.reservedSlugs.contains(base) { candidates.append(base) }
        if !isPost, let parent = pages[item.parentID]?.slug, let parentSlug = Optional(Slug.make(from: parent)), !parentSlug.isEmpty {
            candidates.append("\(parentSlug)-\(base)")
        }
        candidates += (2...5).map { "\(base)-\($0)" } + ["\(base)-wp\(item.id)"]
        return candidates.filter { Slug.isValid($0) }
    }

    /// A title or excerpt as plain text: tags dropped, character references read, spaces collapsed.
    static func plainText(_ html: String) -> String {
        HTMLTokenizer.tokens(html).compactMap { token -> String? in
            if case .text(let text) = token { return HTMLEntities.decode(text) }
            return nil
        }.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
