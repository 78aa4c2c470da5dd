import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/mail`: messages the outbox could not deliver (failed, or retrying after an error),
/// with the server's last answer, for administrators; "Retry" makes one due now.
struct MailController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let mail: MailQueries
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/mail", .administrators, gate: gate) { request, _, admin in
            let notice: String? = switch request.query("retried") {
            case "1": pages.renderer.text("admin_mail_retried", EditorLanguage.current)
            case "0": pages.renderer.text("admin_mail_not_retried", EditorLanguage.current)
            default: nil
            }
            return try await page(admin, notice: notice)
        }
        router.admin(.post, "/admin/mail/:id/retry", .administrators, gate: gate) { _, context, admin in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
            let retried = try await mail.retry(id: id, userID: admin.user.id, now: clock.now)
            return Response.redirect(to: "/admin/mail?retried=\(retried ? 1 : 0)")
        }
    }

    struct View: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            let id: Int64
            let to: String
            let subject: String
            let failed: Bool
            let attempts: Int
            let error: String
            let queued: String
            let next: String
            let action: String
        }
        let rows: [Row]
        let empty: Bool
    }

    func page(_ admin: AdminRequest, notice: String?) async throws -> Response {
        let rows = try await mail.troubled().map { message in
            View.Row(id: message.id, to: message.toAddress, subject: message.subject, failed: message.status == "failed",
                     attempts: message.attempts, error: message.lastError,
                     queued: EditorLanguage.timestamp(message.createdAt),
                     next: message.status == "failed" ? "—" : EditorLanguage.timestamp(message.nextAttemptAt),
                     action: "/admin/mail/\(message.id)/retry")
        }
        return try await pages.render("admin/mail", title: pages.renderer.text("admin_mail", EditorLanguage.current), user: admin.user,
                                      path: admin.path, page: View(rows: rows, empty: rows.isEmpty), notice: notice)
    }
}
