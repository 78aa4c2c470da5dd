import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// An item's revisions, the word-by-word difference between any two, and loading an old one into the form.
extension ContentController {
    /// `from` and `to` (revision ids in the query) choose the two compared; by default the newest
    /// against the one before it, and each row links to its own difference from the one before.
    func revisionsPage(_ type: ContentType, id: Int64, _ request: Request, _ admin: AdminRequest) async throws -> Response {
        let base = "/admin/content/\(type.key)"
        let revisions = try await editor.revisions(type, id: id)
        if revisions.isEmpty, try await editor.load(type, id: id) == nil { throw HTTPError(.notFound) }
        let query = request.uri.queryParameters
        let to = query["to"].flatMap { Int64(String($0)) }.flatMap { id in revisions.firstIndex { $0.id == id } } ?? 0
        let from = query["from"].flatMap { Int64(String($0)) }.flatMap { id in revisions.firstIndex { $0.id == id } } ?? to + 1
        let comparison: RevisionsView.Comparison? = revisions.indices.contains(to) ? .init(
            heading: pages.renderer.catalog.text("admin_revisions_compared", EditorLanguage.current, [
                "from": revisions.indices.contains(from) ? Self.revisionName(revisions[from]) : pages.renderer.text("admin_revisions_nothing", EditorLanguage.current),
                "to": Self.revisionName(revisions[to]),
            ]),
            fields: fieldDifferences(type, old: revisions.indices.contains(from) ? revisions[from].fields : [:], new: revisions[to].fields)
        ) : nil
        return try await pages.render("admin/content-revisions", title: pages.renderer.text("admin_revisions", EditorLanguage.current),
                                      user: admin.user, path: admin.path, page: RevisionsView(
                                          backHref: "\(base)/\(id)",
                                          action: "\(base)/\(id)/revisions",
                                          comparison: comparison,
                                          revisions: revisions.enumerated().map { index, revision in
                                              let older = index + 1 < revisions.count ? revisions[index + 1].fields : [:]
                                              // Which of a repeated time is meant counts as a change of the time itself.
                                              let changed = revision.fields.keys.filter { revision.fields[$0] != older[$0] }
                                                  .map { $0.hasSuffix(ContentType.offsetSuffix) ? String($0.dropLast(ContentType.offsetSuffix.count)) : $0 }
                                              return .init(id: revision.id, at: Self.timestamp(revision.at), user: revision.userName ?? "—",
                                                           changes: Set(changed).sorted()
                                                               .map(fieldLabel).joined(separator: ", "),
                                                           isFrom: index == from, isTo: index == to,
                                                           compareHref: index + 1 < revisions.count
                                                               ? "\(base)/\(id)/revisions?from=\(revisions[index + 1].id)&to=\(revision.id)" : nil,
                                                           restoreHref: "\(base)/\(id)/revisions/\(revision.id)")
                                          }))
    }

    static func revisionName(_ revision: ContentEditorQueries.Revision) -> String {
        "\(timestamp(revision.at)) (\(revision.userName ?? "—"))"
    }

    /// Each field whose text differs, under its label, in the order the form shows them.
    func fieldDifferences(_ type: ContentType, old: [String: String], new: [String: String]) -> [RevisionsView.FieldDifference] {
        let kinds = Dictionary(type.fields.map { ($0.name, $0.kind) }) { first, _ in first }
        let names = type.fields.map(\.name) + ["slug", "status", "publish_at"]
        return names.compactMap { name in
            let kind = kinds[name]
            let before = Self.comparable(old[name] ?? "", kind), after = Self.comparable(new[name] ?? "", kind)
            guard before != after else { return nil }
            return .init(label: fieldLabel(name), diff: diffHTML(before, after))
        }
    }

    /// A field's label from the catalog; the status, kept in every revision, is not a form field.
    func fieldLabel(_ name: String) -> String {
        pages.renderer.text(name == "status" ? "admin_status" : "field_\(name)", EditorLanguage.current)
    }

    /// The form, opened with an old version's text; saving it restores it as a new revision. It
    /// carries the item's version as it is now, so a save made meanwhile by someone else is not
    /// overwritten unseen.
    func restoreForm(_ type: ContentType, id: Int64, revisionID: Int64, _ admin: AdminRequest) async throws -> Response {
        guard var item = try await editor.load(type, id: id),
              let revision = try await editor.revisions(type, id: id).first(where: { $0.id == revisionID }) else { throw HTTPError(.notFound) }
        item.fields.merge(revision.fields.filter { $0.key != "status" }) { _, old in old }
        item.slug = revision.fields["slug"] ?? item.slug
        return try await form(type, admin, item: item, errors: [:],
                              notice: pages.renderer.catalog.text("admin_revision_loaded", EditorLanguage.current, ["when": Self.timestamp(revision.at)]))
    }

    /// The form, opened with this editor's autosaved copy of a published or scheduled item, at the
    /// version the copy was typed over: if someone saved since, saving it shows both texts.
    func autosaveForm(_ type: ContentType, id: Int64, _ admin: AdminRequest) async throws -> Response {
        guard var item = try await editor.load(type, id: id) else { throw HTTPError(.notFound) }
        // Spent or never kept: the item as it is.
        guard let copy = try await editor.autosaveCopy(type, id: id, userID: admin.user.id) else {
            return Response.redirect(to: "/admin/content/\(type.key)/\(id)")
        }
        item.fields.merge(copy.fields.filter { $0.key != "status" && $0.key != "create_token" }) { _, copied in copied }
        item.slug = copy.fields["slug"] ?? item.slug
        item.version = copy.baseVersion
        return try await form(type, admin, item: item, errors: [:],
                              notice: pages.renderer.catalog.text("admin_autosave_loaded", EditorLanguage.current, ["when": Self.timestamp(copy.at)]))
    }

    struct RevisionsView: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            let id: Int64
            let at: String
            let user: String
            let changes: String
            let isFrom: Bool
            let isTo: Bool
            let compareHref: String?
            let restoreHref: String
        }
        struct FieldDifference: Sendable, Encodable {
            let label: String
            /// Escaped text with `<ins>` and `<del>`.
            let diff: String
        }
        struct Comparison: Sendable, Encodable {
            let heading: String
            let fields: [FieldDifference]
        }
        let backHref: String
        let action: String
        let comparison: Comparison?
        let revisions: [Row]
    }
}
