import C4CCore
import C4CStore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Who may use an admin route. Every admin route names one of these when it is added, and the
/// route × role test walks `AdminRoutes.all` to check each pair.
enum Access: String, Sendable, CaseIterable {
    /// Any signed-in user: dashboard, own account.
    case signedIn
    /// Administrators and editors: content, moderation, subscribers.
    case editors
    /// Administrators only: users, settings, audit log.
    case administrators

    func allows(_ role: Role) -> Bool {
        switch self {
        case .signedIn: true
        case .editors: role == .administrator || role == .editor
        case .administrators: role == .administrator
        }
    }
}

/// A request that passed the session, role and (for POST) CSRF checks.
struct AdminRequest: Sendable {
    let user: SignedInUser
    let form: FormData
    let path: String
}

/// Every admin route added so far, for the route × role test.
final class AdminRouteTable: Sendable {
    struct Entry: Sendable, Hashable {
        let method: String
        let path: String
        let access: Access
    }
    private let entries = Mutex<[Entry]>([])

    func add(_ entry: Entry) {
        entries.withLock { if !$0.contains(entry) { $0.append(entry) } }
    }
    var all: [Entry] { entries.withLock { $0 } }
}

/// Reads the session cookie, checks the route's access and the form's CSRF token, then calls the
/// handler. A visitor without a session is sent to sign in; a signed-in user without the role
/// gets 403.
struct AdminGate: Sendable {
    let sessions: SessionQueries
    let clock: WallClock
    let behindTLS: Bool
    let table: AdminRouteTable

    static let cookieName = "c4c_session"

    func sessionToken(_ request: Request) -> String? {
        request.cookies[Self.cookieName]?.value
    }

    func user(_ request: Request) async throws -> SignedInUser? {
        guard let token = sessionToken(request), token.count < 200 else { return nil }
        return try await sessions.user(token: token, now: clock.now)
    }

    func cookie(token: String) -> String {
        "\(Self.cookieName)=\(token); Path=/; HttpOnly; SameSite=Lax; Max-Age=\(Int(SessionQueries.lifetime))\(behindTLS ? "; Secure" : "")"
    }

    func expiredCookie() -> String {
        "\(Self.cookieName)=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0\(behindTLS ? "; Secure" : "")"
    }

    /// `acceptsUpload`: the route reads a multipart body itself and checks its `_csrf` field
    /// before storing anything; every other route gets a checked URL-encoded form or a 415.
    func handle(_ request: Request, access: Access, acceptsUpload: Bool = false,
                _ handler: (AdminRequest) async throws -> Response) async throws -> Response {
        guard let user = try await user(request) else {
            let next = request.method == .get ? "?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["/", "-"])) ?? "") : ""
            return Response.redirect(to: "/admin/login\(next)", type: .normal)
        }
        guard let role = user.roleValue, access.allows(role) else {
            throw HTTPError(.forbidden, message: "Your role does not allow this page. Ask an administrator if you need it.")
        }
        var form = FormData(pairs: [])
        let isUpload = request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") ?? false
        if request.method == .post && !(acceptsUpload && isUpload) {
            form = try await FormData.read(request)
            guard Tokens.equal(form["_csrf"], user.csrfToken) else {
                throw HTTPError(.forbidden, message: "This form has expired or did not come from this site. Go back, reload the page and send it again.")
            }
        }
        var response = try await handler(AdminRequest(user: user, form: form, path: request.uri.path))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension Router {
    /// Adds an admin route that only users with `access` reach, and records it for the role test.
    func admin(_ method: HTTPRequest.Method, _ path: String, _ access: Access, gate: AdminGate, acceptsUpload: Bool = false,
               _ handler: @escaping @Sendable (Request, Context, AdminRequest) async throws -> Response) {
        gate.table.add(.init(method: method.rawValue, path: path, access: access))
        on(RouterPath(path), method: method) { request, context in
            try await gate.handle(request, access: access, acceptsUpload: acceptsUpload) { try await handler(request, context, $0) }
        }
    }
}
