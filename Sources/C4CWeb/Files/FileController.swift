import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/files/{id}/{name}`: uploads kept in the database, served with their stored content type and
/// an ETag, in a sandbox so an SVG or HTML file can never run script on this site. A photo of the
/// media library is never sent itself: its address leads to its widest variant, and its variants
/// are served at `/files/{id}/w{width}/{name}.webp|jpg|png` under the same rules as the photo.
struct FileController<Context: RequestContext>: Sendable {
    let files: FileQueries
    let variants: ImageVariantMaker
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.get("/files/:id/:name") { request, context in
            guard let id = context.parameters.get("id", as: Int64.self),
                  let name = context.parameters.get("name")?.removingPercentEncoding,
                  let file = try await files.publicFile(id: id, now: clock.now), file.name == name, !file.awaitingVariants
            else { throw HTTPError(.notFound) }
            if let width = file.variantsWidth {
                let format = ImageVariants.fallbackFormat(forFileName: file.name)
                return Response(status: .movedPermanently, headers: [
                    .location: ImageVariants.path(fileID: file.id, fileName: file.name, width: width, format: format),
                    .cacheControl: "public, max-age=300",
                ])
            }
            let etag = "\"\(file.sha256.prefix(32))\""
            var headers: HTTPFields = [
                .contentType: file.contentType,
                .eTag: etag,
                // Withdrawn consent must take effect within minutes, so such photos are revalidated.
                .cacheControl: file.safeguarded ? "public, max-age=300, must-revalidate" : "public, max-age=86400",
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox",
            ]
            if !file.contentType.hasPrefix("image/") {
                headers[.contentDisposition] = Self.disposition(file.name)
            }
            if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
                return Response(status: .notModified, headers: headers)
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
        // The segment after the id has one name in both routes: the router's tree allows no other.
        router.get("/files/:id/:name/:variant") { request, context in
            guard let id = context.parameters.get("id", as: Int64.self),
                  let size = context.parameters.get("name"), size.hasPrefix("w"), let width = Int(size.dropFirst()),
                  let name = context.parameters.get("variant")?.removingPercentEncoding,
                  let format = ImageVariants.Format.allCases.first(where: { name.hasSuffix("." + $0.fileExtension) }),
                  let file = try await files.publicFile(id: id, now: clock.now), file.variantsWidth != nil,
                  ImageVariants.path(fileID: id, fileName: file.name, width: width, format: format)
                    == ImageVariants.path(fileID: id, fileName: name, width: width, format: format),
                  let found = try await variants.variant(fileID: id, width: width, format: format)
            else { throw HTTPError(.notFound) }
            let headers: HTTPFields = [
                .contentType: format.contentType,
                .eTag: found.tag,
                .cacheControl: file.safeguarded ? "public, max-age=300, must-revalidate" : "public, max-age=86400",
                .contentSecurityPolicy: "default-src 'none'; sandbox",
            ]
            if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == found.tag }) {
                return Response(status: .notModified, headers: headers)
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: found.data)))
        }
    }

    /// `inline; filename="report.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf` (RFC 6266): a plain
    /// ASCII name for old clients, the exact one for the rest, nothing that can end the header.
    static func disposition(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? ascii
        return "inline; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
