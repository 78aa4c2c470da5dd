import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/audit`: who did what to which item and when, for administrators.
struct AuditController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let audit: AuditQueries

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/audit", .administrators, gate: gate) { _, _, admin in
            let entries = try await audit.latest().map { entry in
                Row(at: EditorLanguage.timestamp(entry.at),
                    user: entry.userName ?? "—", action: entry.action, item: "\(entry.itemType)\(entry.itemId.map { " #\($0)" } ?? "")",
                    summary: entry.summary)
            }
            return try await pages.render("admin/audit", title: pages.renderer.text("admin_audit", EditorLanguage.current), user: admin.user,
                                          path: admin.path, page: entries)
        }
    }

    struct Row: Sendable, Encodable {
        let at: String
        let user: String
        let action: String
        let item: String
        let summary: String
    }
}
