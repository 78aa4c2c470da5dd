import C4CStore
import Hummingbird

/// `/healthz`: 200 when the database answers, 503 when it does not.
struct HealthController<Context: RequestContext>: Sendable {
    let database: any Database

    func addRoutes(to router: Router<Context>) {
        router.get("/healthz") { _, _ -> Response in
            do {
                try await database.read { try await $0.raw("SELECT 1").run() }
                return Response(status: .ok, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            } catch {
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/plain", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: "database unavailable\n")))
            }
        }
    }
}
