import C4CCore
import C4CStore
import Hummingbird
import Logging

/// Turns errors into pages a visitor can use: a 404 with a search box and the main links, a clear
/// sentence for a refused form, a plain 500 that leaks nothing, and a 503 while the database is
/// away, made without asking it anything.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let settings: SettingsQueries
    let site: SiteQueries
    let renderer: PageRenderer
    let clock: WallClock
    /// Holds the site settings as last read, for the 503 page.
    let freshness: ContentFreshness

    /// How long a client is asked to wait before trying again during an outage.
    static var retryAfterSeconds: Int { 5 }

    /// WordPress's own address forms (`/?p=123`), which the home page would otherwise answer.
    static var wordPressQueryKeys: [String] { ["p", "page_id", "attachment_id", "cat", "tag"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path == "/", request.uri.query != nil, request.method == .get || request.method == .head,
           let moved = try? await wordPressRedirect(request) {
            return moved
        }
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            if error.status == .notFound, request.method == .get || request.method == .head,
               let moved = try? await site.redirect(from: request.uri.path) {
                if moved.status == 410 || moved.to.isEmpty {
                    return try await page(for: request, status: .gone, message: nil)
                }
                return Response(status: .init(code: moved.status), headers: [.location: moved.to, .cacheControl: "public, max-age=3600"])
            }
            return try await page(for: request, status: error.status, message: error.body, language: Self.language(of: error, request))
        } catch is DatabaseUnavailable {
            // Not logged here: the database engine logs the outage once when it starts and once when it ends.
            return try unavailablePage(for: request)
        } catch {
            context.logger.error("Request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return try await page(for: request, status: .internalServerError, message: nil)
        }
    }

    /// The redirect an imported site's `/?p=ID` form names; only to a path of this site.
    func wordPressRedirect(_ request: Request) async throws -> Response? {
        for key in Self.wordPressQueryKeys {
            guard let value = request.query(key) else { continue }
            guard let moved = try await site.redirect(from: "/?\(key)=\(value)"), moved.status != 410,
                  moved.to.hasPrefix("/"), !moved.to.hasPrefix("//"), SafeURL.isAllowed(moved.to) else { return nil }
            return Response(status: .movedPermanently, headers: [.location: moved.to, .cacheControl: "public, max-age=3600"])
        }
        return nil
    }

    func page(for request: Request, status: HTTPResponse.Status, message: String?, language: Language? = nil) async throws -> Response {
        let site = (try? await settings.siteSettings(now: clock.now)) ?? freshness.lastKnownSettings ?? .fallback
        return try page(for: request, status: status, message: message, site: site, language: language)
    }

    /// A back-office error is written in the editor's language, which the admin gate puts in the
    /// error's `Content-Language`; before a session is known, in the browser's best match. A
    /// public page's error is in the language of its address.
    static func language(of error: HTTPError, _ request: Request) -> Language? {
        guard request.uri.path == "/admin" || request.uri.path.hasPrefix("/admin/") else { return nil }
        return error.headers[.contentLanguage].flatMap(Language.init(rawValue:)) ?? EditorLanguage.preferred(request.headers)
    }

    func unavailablePage(for request: Request) throws -> Response {
        var response = try page(for: request, status: .serviceUnavailable, message: nil, site: freshness.lastKnownSettings ?? .fallback)
        response.headers[.retryAfter] = String(Self.retryAfterSeconds)
        return response
    }

    private func page(for request: Request, status: HTTPResponse.Status, message: String?, site: SiteSettings,
                      language chosen: Language? = nil) throws -> Response {
        let (addressLanguage, rest) = Language.split(path: request.uri.path)
        let language = chosen ?? addressLanguage
        let address = PageAddress(language: language, path: chosen == nil ? rest : "/")
        let key = switch status {
        case .notFound: "error_not_found"
        case .gone: "error_gone"
        case .forbidden: "error_forbidden"
        case .internalServerError: "error_server"
        case .serviceUnavailable: "error_unavailable"
        default: "error_generic"
        }
        let title = renderer.text("\(key)_title", language)
        let page = SimplePage(
            t: renderer.catalog.table(for: language),
            layout: renderer.layout(address: address, title: title, description: title, settings: site, now: clock.now),
            heading: title,
            paragraphs: [message.map { CatalogMessage.text($0, language, in: renderer.catalog) } ?? renderer.text("\(key)_text", language)],
            contactEmail: site.contactEmail.isEmpty ? nil : site.contactEmail,
            showSearch: status == .notFound || status == .gone,
            homeHref: address.href("/")
        )
        var response = try renderer.html("simple", page, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
