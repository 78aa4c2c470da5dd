import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// First-run setup, sign-in, sign-out and sign-out everywhere.
struct SessionController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let users: UserQueries
    let sessions: SessionQueries
    let attempts: LoginAttemptQueries
    let setupCode: SetupCodeQueries
    /// Holds an answer back; tests record instead of waiting.
    let pause: @Sendable (Duration) async -> Void
    let clock: WallClock
    let trustForwardedFor: Bool

    func addRoutes(to router: Router<Context>) {
        router.visitors(.get, "/admin/setup", table: gate.table) { _, _ in
            guard try await users.count() == 0 else { throw HTTPError(.notFound) }
            return try await setupPage(SetupView(name: "", email: "", code: "", errors: [:]))
        }
        router.visitors(.post, "/admin/setup", table: gate.table) { request, _ in try await setup(request) }
        router.visitors(.get, "/admin/login", table: gate.table) { request, _ in
            if try await users.count() == 0 { return Response.redirect(to: "/admin/setup") }
            if try await gate.user(request) != nil { return Response.redirect(to: "/admin") }
            return try await loginPage(LoginView(email: "", next: Self.safeNext(request.uri.queryParameters.get("next")), error: nil),
                                       notice: request.uri.queryParameters.get("reset") != nil ? pages.renderer.text("admin_reset_done", EditorLanguage.current) : nil)
        }
        router.visitors(.post, "/admin/login", table: gate.table) { request, context in try await login(request, context) }
        router.admin(.post, "/admin/logout", .signedIn, gate: gate) { request, _, _ in
            if let token = gate.sessionToken(request) { try await sessions.delete(token: token) }
            var response = Response.redirect(to: "/admin/login")
            response.headers[.setCookie] = gate.expiredCookie()
            return response
        }
        router.admin(.get, "/admin/account", .signedIn, gate: gate) { request, _, admin in
            let count = try await sessions.count(userID: admin.user.id, now: clock.now)
            return try await pages.render("admin/account", title: pages.renderer.text("admin_account", EditorLanguage.current), user: admin.user,
                                          path: admin.path,
                                          page: AccountView(email: admin.user.email, role: admin.user.role, sessions: count,
                                                            languages: LanguageOption.all(selected: admin.user.language.rawValue)),
                                          notice: request.query("saved") != nil ? pages.renderer.text("admin_saved", EditorLanguage.current) : nil)
        }
        router.admin(.post, "/admin/account/language", .signedIn, gate: gate) { _, _, admin in
            guard let language = Language(rawValue: admin.form["language"]) else {
                let count = try await sessions.count(userID: admin.user.id, now: clock.now)
                return try await pages.render("admin/account", title: pages.renderer.text("admin_account", EditorLanguage.current), user: admin.user,
                                              path: admin.path,
                                              page: AccountView(email: admin.user.email, role: admin.user.role, sessions: count,
                                                                languages: LanguageOption.all(selected: admin.form["language"]),
                                                                error: pages.renderer.text("error_field_language", EditorLanguage.current)),
                                              status: .unprocessableContent)
            }
            try await users.setLanguage(id: admin.user.id, language, now: clock.now)
            // Post, then redirect: the next page is the first one written in the new language.
            return Response.redirect(to: "/admin/account?saved=1")
        }
        router.admin(.post, "/admin/account/sign-out-everywhere", .signedIn, gate: gate) { _, _, admin in
            try await sessions.deleteAll(userID: admin.user.id)
            var response = Response.redirect(to: "/admin/login")
            response.headers[.setCookie] = gate.expiredCookie()
            return response
        }
    }

    struct AccountView: Sendable, Encodable {
        let email: String
        let role: String
        let sessions: Int
        let languages: [LanguageOption]
        var error: String? = nil
    }

    /// Only a path on this site may follow sign-in, never another host.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/admin"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\r"), !next.contains("\n") else {
            return "/admin"
        }
        return next
    }

    struct SetupView: Sendable, Encodable {
        let name: String
        let email: String
        let code: String
        let errors: [String: String]
    }

    func setupPage(_ view: SetupView, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await pages.render("admin/setup", title: pages.renderer.text("admin_setup_title", EditorLanguage.current), user: nil,
                               path: "/admin/setup", page: view, status: status)
    }

    func setup(_ request: Request) async throws -> Response {
        guard try await users.count() == 0 else { throw HTTPError(.notFound) }
        let form = try await FormData.read(request)
        let name = form.trimmed("name"), email = form.trimmed("email").lowercased(), code = form.trimmed("setup_code")
        var errors = Validate.account(name: name, email: email, password: form["password"], confirmation: form["confirmation"])
        if try await !setupCode.matches(code) { errors.add("setup_code", "error_setup_code") }
        guard errors.isEmpty else {
            return try await setupPage(SetupView(name: name, email: email, code: code,
                                                 errors: errors.messages.mapValues { pages.renderer.text($0, EditorLanguage.current) }),
                                       status: .unprocessableContent)
        }
        let hash = try await PasswordHasher.hash(form["password"])
        do {
            let id = try await setupCode.createFirstAdministrator(code: code, email: email, name: name, passwordHash: hash, now: clock.now)
            return try await signIn(userID: id, next: "/admin")
        } catch SetupCodeQueries.SetupError.alreadySetUp {
            // Two people racing through setup: the second finds a user and gets 404.
            throw HTTPError(.notFound)
        } catch SetupCodeQueries.SetupError.wrongCode {
            return try await setupPage(SetupView(name: name, email: email, code: code,
                                                 errors: ["setup_code": pages.renderer.text("error_setup_code", EditorLanguage.current)]),
                                       status: .unprocessableContent)
        }
    }

    struct LoginView: Sendable, Encodable {
        let email: String
        let next: String
        let error: String?
    }

    func loginPage(_ view: LoginView, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        try await pages.render("admin/login", title: pages.renderer.text("admin_login_title", EditorLanguage.current), user: nil,
                               path: "/admin/login", page: view, notice: notice, status: status)
    }

    func login(_ request: Request, _ context: Context) async throws -> Response {
        let form = try await FormData.read(request)
        let email = form.trimmed("email").lowercased()
        let next = Self.safeNext(form["next"])
        let address = request.clientAddress(context: context, trustForwardedFor: trustForwardedFor)
        let now = clock.now
        if let until = try await attempts.blockedUntil(email: email, address: address, now: now) {
            let minutes = max(1, Int((until.timeIntervalSince(now) / 60).rounded(.up)))
            var response = try await loginPage(LoginView(email: email, next: next,
                error: pages.renderer.catalog.text("admin_login_throttled", EditorLanguage.current, ["minutes": String(minutes)])), status: .tooManyRequests)
            response.headers[.retryAfter] = String(Int(until.timeIntervalSince(now).rounded(.up)))
            return response
        }
        await pause(try await attempts.pause(email: email, now: now))
        let credentials = try await users.credentials(email: email)
        let valid: Bool
        if let credentials, !credentials.disabled {
            valid = try await PasswordHasher.verify(form["password"], hash: credentials.passwordHash)
        } else {
            try await PasswordHasher.verifyDecoy(form["password"])
            valid = false
        }
        try await attempts.record(email: email, address: address, succeeded: valid, now: now)
        guard valid, let credentials else {
            return try await loginPage(LoginView(email: email, next: next, error: pages.renderer.text("admin_login_failed", EditorLanguage.current)),
                                       status: .unauthorized)
        }
        return try await signIn(userID: credentials.id, next: next)
    }

    func signIn(userID: Int64, next: String) async throws -> Response {
        let token = try await sessions.create(userID: userID, now: clock.now)
        var response = Response.redirect(to: next)
        response.headers[.setCookie] = gate.cookie(token: token)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
