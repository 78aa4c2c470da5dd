import C4CCore
import C4CStore
import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Who may use an admin route. Every admin route names one of these when it is added, and the
/// route × role proof walks `AdminRouteTable` to check each pair.
enum Access: String, Sendable, CaseIterable {
    /// Anyone, without a session: sign-in, first-run setup, password reset.
    case visitors
    /// Any signed-in user: dashboard, own account, and what a focal point may reach.
    case signedIn
    /// Administrators and editors: content, moderation, subscribers.
    case editors
    /// Administrators only: users, settings, audit log.
    case administrators

    func allows(_ role: Role?) -> Bool {
        switch self {
        case .visitors: true
        case .signedIn: role != nil
        case .editors: role == .administrator || role == .editor
        case .administrators: role == .administrator
        }
    }

    /// The access a content type's route needs when focal points may use it at all.
    static func content(_ type: ContentType, focalPointsToo: Bool) -> Access {
        focalPointsToo && type.focalPoints != .none ? .signedIn : .editors
    }
}

/// Which items of a type a member focal point reaches through an item route. Editors and
/// administrators reach every item; the rule is checked by the gate before the handler runs.
struct ItemRule: Sendable, Hashable {
    enum Reach: String, Sendable, Hashable {
        /// Their own organisation's items, whatever their status.
        case ownOrganisation
        /// Their own organisation's items while they are drafts.
        case ownOrganisationDrafts
    }
    /// Where the item's id is read: the path's `:id`, or a form field that may be absent.
    enum Source: Sendable, Hashable {
        case path
        case optionalFormField(String)
    }

    let typeKey: String
    let reach: Reach
    let source: Source

    static func own(_ type: ContentType, from source: Source = .path) -> ItemRule {
        ItemRule(typeKey: type.key, reach: .ownOrganisation, source: source)
    }

    static func ownDrafts(_ type: ContentType, from source: Source = .path) -> ItemRule {
        ItemRule(typeKey: type.key, reach: .ownOrganisationDrafts, source: source)
    }
}

/// A request that passed the session, role, ownership and (for POST) CSRF checks.
struct AdminRequest: Sendable {
    let user: SignedInUser
    let form: FormData
    let path: String
}

/// Every admin route added, with what it declares, for the route × role proof.
final class AdminRouteTable: Sendable {
    struct Entry: Sendable, Hashable {
        let method: String
        let path: String
        let access: Access
        let rule: ItemRule?
    }
    private let entries = Mutex<[Entry]>([])

    func add(_ entry: Entry) {
        entries.withLock { if !$0.contains(entry) { $0.append(entry) } }
    }
    var all: [Entry] { entries.withLock { $0 } }
}

/// Reads the session cookie, checks the route's role, its item rule and the form's CSRF token,
/// then calls the handler. A visitor without a session is sent to sign in; a signed-in user
/// without the role, or a focal point outside their organisation's items, gets 403; an item
/// that does not exist, 404.
struct AdminGate: Sendable {
    let sessions: SessionQueries
    let editor: ContentEditorQueries
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

    /// Catalog keys of the gate's refusals; the error page writes them in the editor's language.
    static let expiredForm = "error_admin_form_expired"

    /// `uploadLimit`: the route reads a multipart body itself, up to that many bytes, and checks
    /// its `_csrf` field before reading any file; every other route gets a checked URL-encoded
    /// form or a 415.
    func handle(_ request: Request, pathID: String?, access: Access, rule: ItemRule?, uploadLimit: Int?,
                _ handler: (AdminRequest) async throws -> Response) async throws -> Response {
        guard let user = try await user(request) else {
            let next = request.method == .get ? "?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["/", "-"])) ?? "") : ""
            return Response.redirect(to: "/admin/login\(next)", type: .normal)
        }
        do {
            return try await EditorLanguage.$current.withValue(user.language) {
                try await handle(request, user: user, pathID: pathID, access: access, rule: rule, uploadLimit: uploadLimit, handler)
            }
        } catch var error as HTTPError {
            // The error page renders after this scope ends; the header tells it the editor's language.
            if error.headers[.contentLanguage] == nil { error.headers[.contentLanguage] = user.language.rawValue }
            throw error
        }
    }

    private func handle(_ request: Request, user: SignedInUser, pathID: String?, access: Access, rule: ItemRule?, uploadLimit: Int?,
                        _ handler: (AdminRequest) async throws -> Response) async throws -> Response {
        guard let role = user.roleValue, access != .visitors, access.allows(role) else {
            throw HTTPError(.forbidden, message: "error_admin_role_forbidden")
        }
        var form = FormData(pairs: [])
        let isUpload = request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") ?? false
        if let uploadLimit, isUpload {
            if let length = request.headers[.contentLength].flatMap(Int.init), length > uploadLimit + MultipartUpload.overhead {
                throw HTTPError(.contentTooLarge, message: MultipartUpload.tooLargeMessage(uploadLimit))
            }
        } else if request.method == .post {
            form = try await FormData.read(request)
            guard Tokens.equal(form["_csrf"], user.csrfToken) else { throw HTTPError(.forbidden, message: Self.expiredForm) }
        }
        if role == .focalPoint && user.organisationId == nil {
            throw HTTPError(.forbidden, message: "error_admin_no_organisation")
        }
        if let rule, role == .focalPoint {
            try await check(rule, pathID: pathID, form: form, user: user)
        }
        var response = try await handler(AdminRequest(user: user, form: form, path: request.uri.path))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The one place a focal point's reach over an item is decided.
    private func check(_ rule: ItemRule, pathID: String?, form: FormData, user: SignedInUser) async throws {
        guard let type = ContentTypes.named(rule.typeKey) else { throw HTTPError(.notFound) }
        let raw: String?
        switch rule.source {
        case .path: raw = pathID
        case .optionalFormField(let name):
            guard !form[name].isEmpty else { return }
            raw = form[name]
        }
        guard let id = raw.flatMap({ Int64($0) }) else { throw HTTPError(.notFound) }
        switch try await editor.reach(type, id: id, organisationID: user.organisationId ?? -1) {
        case .missing:
            throw HTTPError(.notFound)
        case .otherOrganisation:
            throw HTTPError(.forbidden, message: "error_admin_other_organisation")
        case .ownPublished where rule.reach == .ownOrganisationDrafts:
            throw HTTPError(.forbidden, message: "error_admin_item_published")
        case .ownDraft, .ownPublished:
            return
        }
    }
}

extension Router {
    /// Adds an admin route that only users with `access` reach (and, for a focal point, only the
    /// items `rule` allows), and records it for the route × role proof.
    func admin(_ method: HTTPRequest.Method, _ path: String, _ access: Access, rule: ItemRule? = nil, gate: AdminGate,
               uploadLimit: Int? = nil,
               _ handler: @escaping @Sendable (Request, Context, AdminRequest) async throws -> Response) {
        precondition(access != .visitors, "routes for visitors are added with `visitors`")
        gate.table.add(.init(method: method.rawValue, path: path, access: access, rule: rule))
        on(RouterPath(path), method: method) { request, context in
            try await gate.handle(request, pathID: context.parameters.get("id"), access: access, rule: rule,
                                  uploadLimit: uploadLimit) { try await handler(request, context, $0) }
        }
    }

    /// Adds a back-office route that needs no session (sign-in, setup, password reset), declared
    /// as such in the route table.
    func visitors(_ method: HTTPRequest.Method, _ path: String, table: AdminRouteTable,
                  _ handler: @escaping @Sendable (Request, Context) async throws -> Response) {
        table.add(.init(method: method.rawValue, path: path, access: .visitors, rule: nil))
        on(RouterPath(path), method: method) { request, context in
            let language = EditorLanguage.preferred(request.headers)
            var response = try await EditorLanguage.$current.withValue(language) { try await handler(request, context) }
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }
}
