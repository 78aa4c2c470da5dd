import C4CCore
import Foundation
import SQLKit

/// The draft an accepted contribution becomes: a blog post, a resource or an event, in the
/// contributor's language, credited to them, with their text and links; its attachments join the
/// media library, credited to them too, for an editor to give alt text and use.
enum ContributionDraft {
    static func make(from contribution: ContributionQueries.Contribution, userID: Int64, timeZone: TimeZone,
                     in sql: any SQLDatabase, now: Date) async throws -> (table: String, id: Int64) {
        let (table, resourceKind) = ContributionForm.draftType(of: contribution.kind)
        let lang = Language(rawValue: contribution.language)?.rawValue ?? Language.default.rawValue
        let stem = Slug.make(from: contribution.title, maxLength: 60)
        let slug = (stem.isEmpty ? "contribution" : stem) + "-c\(contribution.id)"
        let credit = [contribution.name, contribution.organisation].filter { !$0.isEmpty }.joined(separator: ", ")
        let links = ContributionForm.linkList(contribution.links)
        let body = contribution.body + (links.isEmpty ? "" : "\n\n" + links.map { "- <\($0)>" }.joined(separator: "\n"))
        var columns: [(String, Inserter.Value)] = [
            ("lang", lang), ("translation_group", "\(table)/\(lang)/\(slug)/\(Tokens.random(bytes: 6))"), ("slug", slug),
            ("status", "draft"), ("author_id", userID), ("created_at", now.epochSeconds), ("updated_at", now.epochSeconds),
            ("title", contribution.title), ("summary", contribution.summary),
        ]
        switch table {
        case "resources":
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let day = calendar.dateComponents([.year, .month, .day], from: now)
            columns += [("kind", resourceKind ?? "report"), ("body", body),
                        ("published_on", String(format: "%04d-%02d-%02d", day.year ?? 2000, day.month ?? 1, day.day ?? 1))]
        case "events":
            // A contribution carries no date: the draft is set a month ahead at noon, for the
            // editor to correct before it can be published.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: now.addingTimeInterval(30 * 86_400)) ?? now
            columns += [("description", body), ("starts_at", noon.epochSeconds), ("ends_at", noon.epochSeconds + 3_600),
                        ("time_zone", timeZone.identifier), ("online", true)]
        default:
            columns += [("body", body), ("contributor_credit", credit)]
        }
        let id = try await Inserter(sql).insertRow(table, columns)
        if table == "resources" {
            try await sql.raw("INSERT INTO resource_authors (resource_id, position, name) VALUES (\(bind: id), 0, \(bind: credit))").run()
        }
        let files = try await sql.raw("""
            SELECT f.id, f.name, f.content_type, f.data FROM contribution_files cf JOIN files f ON f.id = cf.file_id
            WHERE cf.contribution_id = \(bind: contribution.id) ORDER BY f.id
            """).all()
        for file in files {
            let contentType = try file.decode(column: "content_type", as: String.self)
            let isImage = contentType.hasPrefix("image/")
            let bytes = isImage ? [UInt8](try file.decode(column: "data", as: Data.self)) : []
            let size = UploadKind.detect(bytes, name: "").flatMap { UploadKind.dimensions(bytes, kind: $0) }
            try await Inserter(sql).insert("media", [
                "file_id": try file.decode(column: "id", as: Int64.self), "kind": isImage ? "image" : "document",
                "title": try file.decode(column: "name", as: String.self), "alt_text": "", "credit": credit,
                "width": size?.width, "height": size?.height, "uploaded_by": userID, "created_at": now.epochSeconds,
            ])
        }
        try await SearchIndex.refresh(table: table, ids: [id], in: sql)
        try await ContentVersionQueries.bump(sql)
        return (table, id)
    }
}
