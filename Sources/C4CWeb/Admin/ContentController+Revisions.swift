import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// An item's revisions, and loading an old one into the form.
extension ContentController {
    func revisionsPage(_ type: ContentType, id: Int64, _ admin: AdminRequest) async throws -> Response {
        let base = "/admin/content/\(type.key)"
        let revisions = try await editor.revisions(type, id: id)
        return try await pages.render("admin/content-revisions", title: pages.renderer.text("admin_revisions", .default),
                                      user: admin.user, path: admin.path, page: RevisionsView(
                                          backHref: "\(base)/\(id)",
                                          revisions: revisions.enumerated().map { index, revision in
                                              let older = index + 1 < revisions.count ? revisions[index + 1].fields : [:]
                                              // Which of a repeated time is meant counts as a change of the time itself.
                                              let changed = revision.fields.keys.filter { revision.fields[$0] != older[$0] }
                                                  .map { $0.hasSuffix(ContentType.offsetSuffix) ? String($0.dropLast(ContentType.offsetSuffix.count)) : $0 }
                                              return .init(id: revision.id, at: Self.timestamp(revision.at), user: revision.userName ?? "—",
                                                           changes: Set(changed).sorted()
                                                               .map { pages.renderer.text("field_\($0)", .default) }.joined(separator: ", "),
                                                           restoreHref: "\(base)/\(id)/revisions/\(revision.id)")
                                          }))
    }

    /// The form, opened with an old version's text; saving it restores it as a new revision.
    func restoreForm(_ type: ContentType, id: Int64, revisionID: Int64, _ admin: AdminRequest) async throws -> Response {
        guard var item = try await editor.load(type, id: id),
              let revision = try await editor.revisions(type, id: id).first(where: { $0.id == revisionID }) else { throw HTTPError(.notFound) }
        item.fields.merge(revision.fields.filter { $0.key != "status" }) { _, old in old }
        item.slug = revision.fields["slug"] ?? item.slug
        return try await form(type, admin, item: item, errors: [:],
                              notice: pages.renderer.catalog.text("admin_revision_loaded", .default, ["when": Self.timestamp(revision.at)]))
    }

    struct RevisionsView: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            let id: Int64
            let at: String
            let user: String
            let changes: String
            let restoreHref: String
        }
        let backHref: String
        let revisions: [Row]
    }
}
