import C4CCore
import C4CStore
import Hummingbird
import Logging

/// Turns errors into pages a visitor can use: a 404 with a search box and the main links, a clear
/// sentence for a refused form, and a plain 500 that leaks nothing.
struct ErrorPageMiddleware<Context: RequestContext>: RouterMiddleware {
    let settings: SettingsQueries
    let site: SiteQueries
    let renderer: PageRenderer
    let clock: WallClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
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
            return try await page(for: request, status: error.status, message: error.body)
        } catch {
            context.logger.error("Request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            return try await page(for: request, status: .internalServerError, message: nil)
        }
    }

    func page(for request: Request, status: HTTPResponse.Status, message: String?) async throws -> Response {
        let (language, rest) = Language.split(path: request.uri.path)
        let address = PageAddress(language: language, path: rest)
        let site = (try? await settings.siteSettings(now: clock.now)) ?? .fallback
        let key = switch status {
        case .notFound: "error_not_found"
        case .gone: "error_gone"
        case .forbidden: "error_forbidden"
        case .internalServerError: "error_server"
        default: "error_generic"
        }
        let title = renderer.text("\(key)_title", language)
        let page = SimplePage(
            t: renderer.catalog.table(for: language),
            layout: renderer.layout(address: address, title: title, description: title, settings: site, now: clock.now),
            heading: title,
            paragraphs: [message ?? renderer.text("\(key)_text", language)],
            contactEmail: site.contactEmail.isEmpty ? nil : site.contactEmail,
            showSearch: status == .notFound || status == .gone,
            homeHref: address.href("/")
        )
        var response = try renderer.html("simple", page, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
