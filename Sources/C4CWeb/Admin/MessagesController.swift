import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/messages`: what visitors sent through the contact form, newest first, until an editor
/// marks each handled (the forward to the contact address is answered from a mail program).
struct MessagesController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let contact: ContactQueries
    let clock: WallClock

    struct Line: Sendable, Encodable {
        let id: Int64
        let anchor: String
        let name: String
        let email: String
        let subject: String
        let message: String
        let received: String
        let language: String
        let handled: Bool
        let handledText: String?
        let action: String
    }

    struct View: Sendable, Encodable {
        let messages: [Line]
        let hasMessages: Bool
        let showingAll: Bool
        let openCount: Int
        let allCount: Int
    }

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/messages", .editors, gate: gate) { request, _, admin in
            let all = request.query("show") == "all"
            let counts = try await contact.counts()
            let lines = try await contact.list(all: all).map { message in
                Line(id: message.id, anchor: "message-\(message.id)", name: message.name, email: message.email,
                     subject: message.subject.isEmpty ? "—" : message.subject, message: message.message,
                     received: Self.time(message.createdAt), language: Language(rawValue: message.language)?.nativeName ?? message.language,
                     handled: message.handled,
                     handledText: message.handled ? pages.renderer.catalog.text("admin_message_handled_by", EditorLanguage.current, [
                         "name": message.handledBy ?? "—", "time": message.handledAt.map(Self.time) ?? "",
                     ]) : nil,
                     action: "/admin/messages/\(message.id)/handled")
            }
            return try await pages.render("admin/messages", title: pages.renderer.text("admin_messages", EditorLanguage.current), user: admin.user,
                                          path: admin.path,
                                          page: View(messages: lines, hasMessages: !lines.isEmpty, showingAll: all,
                                                     openCount: counts.open, allCount: counts.all),
                                          notice: request.query("handled") != nil ? pages.renderer.text("admin_saved", EditorLanguage.current) : nil)
        }
        router.admin(.post, "/admin/messages/:id/handled", .editors, gate: gate) { _, context, admin in
            guard try await contact.markHandled(id: try context.parameters.require("id", as: Int64.self), userID: admin.user.id,
                                                now: clock.now) else { throw HTTPError(.notFound) }
            return Response.redirect(to: "/admin/messages?handled=1")
        }
    }

    static func time(_ epoch: Int64) -> String {
        EditorLanguage.timestamp(epoch)
    }
}
