import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/password-reset`: a link by email that works once, for an hour; only the newest link
/// works, and requests are limited per account and per address.
struct PasswordResetController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let resets: PasswordResetQueries
    let publicURL: String
    let clock: WallClock
    let trustForwardedFor: Bool

    func addRoutes(to router: Router<Context>) {
        router.visitors(.get, "/admin/password-reset", table: adminRoutes) { _, _ in try await requestPage(sent: false, email: "") }
        router.visitors(.post, "/admin/password-reset", table: adminRoutes) { request, context in
            let form = try await FormData.read(request)
            let email = form.trimmed("email").lowercased()
            // The same answer whether or not the address has an account or a limit was reached, so
            // nobody can probe for either.
            if Validate.isEmail(email) {
                try await resets.request(email: email, address: request.clientAddress(context: context, trustForwardedFor: trustForwardedFor),
                                         link: { "\(publicURL)/admin/password-reset/\($0)" },
                                         subject: { pages.renderer.text("mail_reset_subject", $0) },
                                         body: { pages.renderer.catalog.text("mail_reset_body", $0, ["link": $1]) }, now: clock.now)
            }
            return try await requestPage(sent: true, email: email)
        }
        router.visitors(.get, "/admin/password-reset/:token", table: adminRoutes) { _, context in
            let token = try context.parameters.require("token")
            guard try await resets.user(token: token, now: clock.now) != nil else { return try await expired() }
            return try await choosePage(token: token, errors: [:])
        }
        router.visitors(.post, "/admin/password-reset/:token", table: adminRoutes) { request, context in
            let token = try context.parameters.require("token")
            let form = try await FormData.read(request)
            var errors = FieldErrors()
            errors.merge(password: form["password"], confirmation: form["confirmation"])
            guard errors.isEmpty else {
                return try await choosePage(token: token, errors: errors.messages.mapValues { pages.renderer.text($0, EditorLanguage.current) })
            }
            let hash = try await PasswordHasher.hash(form["password"])
            guard try await resets.complete(token: token, passwordHash: hash, now: clock.now) else { return try await expired() }
            return Response.redirect(to: "/admin/login?reset=1")
        }
    }

    struct RequestView: Sendable, Encodable {
        let sent: Bool
        let email: String
    }

    func requestPage(sent: Bool, email: String) async throws -> Response {
        try await pages.render("admin/password-reset", title: pages.renderer.text("admin_reset_title", EditorLanguage.current), user: nil,
                               path: "/admin/password-reset", page: RequestView(sent: sent, email: email))
    }

    struct ChooseView: Sendable, Encodable {
        let action: String
        let errors: [String: String]
    }

    func choosePage(token: String, errors: [String: String]) async throws -> Response {
        try await pages.render("admin/password-choose", title: pages.renderer.text("admin_reset_title", EditorLanguage.current), user: nil,
                               path: "/admin/password-reset", page: ChooseView(action: "/admin/password-reset/\(token)", errors: errors),
                               status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func expired() async throws -> Response {
        try await pages.render("admin/password-reset", title: pages.renderer.text("admin_reset_title", EditorLanguage.current), user: nil,
                               path: "/admin/password-reset", page: RequestView(sent: false, email: ""),
                               notice: pages.renderer.text("admin_reset_expired", EditorLanguage.current), status: .gone)
    }
}
