import C4CStore
import Hummingbird

/// `/healthz`: 200 when the database answers, 503 when it does not — within a second when no
/// connection comes, so a load balancer's probe never hangs on a database that is away.
struct HealthController<Context: RequestContext>: Sendable {
    let database: any Database
    var limit: Duration = .milliseconds(700)

    func addRoutes(to router: Router<Context>) {
        router.get("/healthz") { _, _ -> Response in
            await databaseAnswers() ? Self.answer(.ok, "ok\n") : Self.answer(.serviceUnavailable, "database unavailable\n")
        }
    }

    func databaseAnswers() async -> Bool {
        database.isAvailable ? await database.ping(within: limit) : false
    }

    static func answer(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
