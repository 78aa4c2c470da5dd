import C4CStore
import Foundation
import Hummingbird

/// `/files/{id}/{name}`: uploads kept in the database, served with their stored content type and
/// an ETag, in a sandbox so an SVG or HTML file can never run script on this site.
struct FileController<Context: RequestContext>: Sendable {
    let files: FileQueries

    func addRoutes(to router: Router<Context>) {
        router.get("/files/:id/:name") { request, context in
            guard let id = context.parameters.get("id", as: Int64.self),
                  let name = context.parameters.get("name"),
                  let file = try await files.file(id: id), file.name == name
            else { throw HTTPError(.notFound) }
            let etag = "\"\(file.sha256.prefix(32))\""
            var headers: HTTPFields = [
                .contentType: file.contentType,
                .eTag: etag,
                .cacheControl: "public, max-age=86400",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            ]
            if !file.contentType.hasPrefix("image/") {
                headers[.contentDisposition] = "inline; filename=\"\(file.name)\""
            }
            if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
                return Response(status: .notModified, headers: headers)
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
    }
}
