import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// Deleting an item, with a redirect for its public address.
extension ContentController {
    struct DeleteView: Sendable, Encodable {
        let title: String
        let action: String
        let backHref: String
        let hasPublicAddress: Bool
        /// Where visitors are sent instead, as typed, and what is wrong with it.
        let redirect: String
        let redirectError: String?
    }

    func deletePage(_ type: ContentType, id: Int64, _ admin: AdminRequest, redirect: String, error: String?,
                    status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let item = try await editor.load(type, id: id) else { throw HTTPError(.notFound) }
        let base = "/admin/content/\(type.key)"
        return try await pages.render("admin/content-delete", title: pages.renderer.text("admin_delete", EditorLanguage.current), user: admin.user,
                                      path: admin.path, page: DeleteView(
                                          title: item.fields[type.titleField] ?? item.slug, action: "\(base)/\(id)/delete",
                                          backHref: "\(base)/\(id)", hasPublicAddress: type.publicPath != nil,
                                          redirect: redirect, redirectError: error), status: status)
    }
}
