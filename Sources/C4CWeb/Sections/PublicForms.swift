import C4CCore
import Foundation
import Hummingbird

/// What the public forms (contact, mailing list) share: the page a finished or refused step
/// shows, and how their answers are sent.
struct OutcomePage: Sendable, Encodable {
    struct Link: Sendable, Encodable {
        let href: String
        let label: String
    }
    let heading: String
    let paragraphs: [String]
    let link: Link?
}

extension Response {
    /// A public form's answer, or a page reached by a private link: never kept by the page cache
    /// or a proxy, and never indexed.
    func personal() -> Response {
        var response = self
        response.headers[.cacheControl] = "no-store"
        response.headers[.xRobotsTag] = "noindex"
        return response
    }
}

extension Router {
    /// Adds a POST route at `path` for English and at `/{code}{path}` for every other language.
    func postInEveryLanguage(_ path: String, _ handler: @escaping @Sendable (Request, Context, Language) async throws -> Response) {
        for language in Language.allCases {
            post(RouterPath(PageAddress.href(path, language))) { request, context in
                try await handler(request, context, language)
            }
        }
    }
}
