import C4CCore
import Foundation
import SQLKit

/// What an editor chooses from in a form, and whether the chosen images may be published.
extension ContentEditorQueries {
    /// Choices for an image or reference field: id and label.
    public func options(for field: EditableField, current: String = "") async throws -> [(id: Int64, label: String)] {
        try await database.read { sql in
            let rows: [any SQLRow]
            switch field.kind {
            case .document:
                // Documents in the library, and the file already chosen even if it came another way.
                rows = try await sql.raw("""
                    SELECT f.id, f.name AS label FROM files f
                    WHERE f.id IN (SELECT m.file_id FROM media m WHERE m.kind = 'document') OR f.id = \(bind: Int64(current) ?? -1)
                    ORDER BY f.id DESC LIMIT 500
                    """).all()
            case .image:
                rows = try await sql.raw("""
                    SELECT m.id, m.alt_text AS label FROM media m WHERE m.kind = 'image' ORDER BY m.id DESC LIMIT 500
                    """).all()
            case .reference(let table, let label), .links(_, _, _, let table, let label):
                // Regions have no language of their own; every other source keeps its English rows.
                let english: SQLQueryString = table == "regions" ? "1 = 1" : "x.lang = 'en'"
                rows = try await sql.raw("""
                    SELECT x.id, x.\(ident: label) AS label FROM \(ident: table) x WHERE \(english) ORDER BY x.\(ident: label) LIMIT 1000
                    """).all()
            default:
                return []
            }
            return try rows.map { (try $0.decode(column: "id", as: Int64.self), try $0.decode(column: "label", as: String.self)) }
        }
    }

    /// Images an item uses that may not be published, with the reason, for the publish check.
    public func imageProblems(ids: [Int64]) async throws -> [ImageProblem] {
        guard !ids.isEmpty else { return [] }
        return try await database.read { sql in
            var problems: [ImageProblem] = []
            for id in ids {
                guard let row = try await sql.raw("""
                    SELECT alt_text, credit, shows_identifiable_children, consent_on_file FROM media WHERE id = \(bind: id)
                    """).first() else { continue }
                let image = ImageRef(fileID: 0, fileName: "", altText: try row.decode(column: "alt_text", as: String.self),
                                     credit: try row.decode(column: "credit", as: String.self), width: 0, height: 0,
                                     showsIdentifiableChildren: try row.decode(column: "shows_identifiable_children", as: Bool.self),
                                     consentOnFile: try row.decode(column: "consent_on_file", as: Bool.self))
                problems += image.publicationProblems
            }
            return problems
        }
    }

    /// An image the form's chooser offers: its thumbnail, words and safeguarding state.
    public struct ImageChoice: Sendable {
        public var mediaID: Int64
        public var title: String
        public var image: ImageRef
    }

    /// Images for the chooser, newest first, narrowed by words in their title, alt text, credit or
    /// file name; the image already chosen is always among them.
    public func imageChoices(search: String, chosen: Int64?, limit: Int = 24) async throws -> [ImageChoice] {
        let words = search.trimmingCharacters(in: .whitespaces).lowercased()
        let matches: SQLQueryString = words.isEmpty ? "1 = 1" : """
            (LOWER(m.title) LIKE \(bind: "%" + words + "%") OR LOWER(m.alt_text) LIKE \(bind: "%" + words + "%")
             OR LOWER(m.credit) LIKE \(bind: "%" + words + "%") OR LOWER(f.name) LIKE \(bind: "%" + words + "%"))
            """
        return try await database.read { sql in
            let rows = try await sql.raw("""
                SELECT m.id AS media_id, m.title, \(unsafeRaw: ImageColumns.select(media: "m", file: "f"))
                FROM media m JOIN files f ON f.id = m.file_id
                WHERE m.kind = 'image' AND (\(matches) OR m.id = \(bind: chosen ?? -1))
                ORDER BY CASE WHEN m.id = \(bind: chosen ?? -1) THEN 0 ELSE 1 END, m.id DESC LIMIT \(literal: limit)
                """).all()
            return try rows.map { row in
                let columns = try ImageColumns(row: row)
                return ImageChoice(mediaID: try row.decode(column: "media_id"), title: try row.decode(column: "title"),
                                   image: ImageRef(fileID: columns.fileId ?? 0, fileName: columns.fileName ?? "", altText: columns.altText ?? "",
                                                   credit: columns.credit ?? "", width: columns.width ?? 0, height: columns.height ?? 0,
                                                   showsIdentifiableChildren: columns.showsIdentifiableChildren ?? false,
                                                   consentOnFile: columns.consentOnFile ?? false, variantsReady: columns.variantsReady ?? false))
            }
        }
    }

    /// Documents for a file chooser: id, name and "PDF · 2.3 MB".
    public func documentChoices() async throws -> [(id: Int64, name: String, description: String)] {
        try await database.read { sql in
            try await sql.raw("""
                SELECT f.id, f.name, f.content_type, f.byte_size FROM files f
                WHERE f.id IN (SELECT m.file_id FROM media m WHERE m.kind = 'document') ORDER BY f.id DESC LIMIT 500
                """).all().map { row in
                let name = try row.decode(column: "name", as: String.self)
                return (try row.decode(column: "id", as: Int64.self), name,
                        FileLabel.describe(contentType: try row.decode(column: "content_type", as: String.self), name: name,
                                           bytes: try row.decode(column: "byte_size", as: Int64.self)))
            }
        }
    }
}
