import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// What the form carries so no work is lost: the version it was opened at, a new item's one-time
/// create token, and for the script (Public/autosave.js) where to autosave and this editor's
/// autosaved copy of a published item, if one is kept.
extension ContentController {
    struct EditingState: Sendable, Encodable {
        let version: String
        let createToken: String?
        let autosaveHref: String?
        let copyHref: String?
        let copyNote: String?
    }

    func editingState(_ type: ContentType, _ item: ContentEditorQueries.Item, _ admin: AdminRequest) async throws -> EditingState {
        let base = "/admin/content/\(type.key)"
        // A retried create must carry the same token: one the form came back with is kept.
        let createToken = item.id == nil ? (Self.createToken(item.fields["create_token"] ?? "") ?? Tokens.random(bytes: 18)) : nil
        let copy = try await item.id.asyncMap { try await editor.autosaveCopy(type, id: $0, userID: admin.user.id) } ?? nil
        return EditingState(
            version: item.version.map(String.init) ?? "", createToken: createToken,
            // Focal points' proposals are saved by hand: autosave is the editors' (their routes are theirs alone).
            autosaveHref: admin.user.roleValue == .focalPoint ? nil : item.id.map { "\(base)/\($0)/autosave" },
            copyHref: copy.flatMap { _ in item.id.map { "\(base)/\($0)/autosave" } },
            copyNote: copy.map { pages.renderer.catalog.text("admin_autosave_copy_offered", EditorLanguage.current, ["when": Self.timestamp($0.at)]) })
    }
}
