import C4CCore
import C4CStore
import Foundation
import Hummingbird
import OpenAPIHummingbird
import OpenAPIRuntime

/// The partners' API under `/api/v1`, and the OpenAPI document that describes it at
/// `/api/openapi.json`. The document is the source the handlers are generated from, served as it is.
public struct PublicAPIRoutes: Sendable {
    let api: PublicAPI
    let document: ByteBuffer

    /// `document` is `openapi.json` of this module, as read from the checkout.
    public init(database: any Database, resources: ResourceQueries, clock: WallClock, publicURL: String, document: Data) {
        api = PublicAPI(
            lists: APIListQueries(database: database, resources: resources), resources: resources,
            events: EventQueries(database: database), vacancies: VacancyQueries(database: database),
            blog: BlogQueries(database: database), site: SiteQueries(database: database), clock: clock,
            links: APILinks(publicURL: publicURL))
        self.document = ByteBuffer(bytes: document)
    }

    /// The document's place in a checkout.
    public static func documentURL(root: URL) -> URL {
        root.appendingPathComponent("Sources/C4CAPI/openapi.json")
    }

    public func addRoutes<Context: RequestContext>(to router: Router<Context>) throws {
        let document = self.document
        router.get("/api/openapi.json") { _, _ in
            var headers: HTTPFields = [.contentType: "application/json", .cacheControl: "public, max-age=300"]
            headers.allowAnyOriginToRead()
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: document))
        }
        let group = router.group("/api/v1").add(middleware: APIGate<Context>())
        // Compact: partners read it over the same slow links as visitors.
        try api.registerHandlers(on: group, serverURL: URL(string: "/")!,
                                 configuration: .init(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes]))
    }
}
