import CompressNIO
import Crypto
import Foundation
import Hummingbird
import NIOCore

/// The site's CSS, script and icons, read from `Public/` once at start and served under
/// fingerprinted names (`/assets/site.3f9a1c2b.css`) that may be cached for a year, each with its
/// gzip form made once.
public struct Assets: Sendable {
    struct Asset: Sendable {
        let body: ByteBuffer
        let gzipped: ByteBuffer?
        let contentType: String
    }

    private let byPath: [String: Asset]
    /// Plain name → fingerprinted address, for templates: `site.css` → `/assets/site.3f9a1c2b.css`.
    public let addresses: [String: String]

    public init(directory: URL) throws {
        var byPath: [String: Asset] = [:]
        var addresses: [String: String] = [:]
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        for name in names where !name.hasPrefix(".") {
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            let hash = SHA256.hash(data: data).prefix(5).map { String(format: "%02x", $0) }.joined()
            let ext = (name as NSString).pathExtension
            let stem = (name as NSString).deletingPathExtension
            let path = "/assets/\(stem).\(hash).\(ext)"
            let body = ByteBuffer(bytes: data)
            var gzipped: ByteBuffer?
            if ["css", "js", "svg"].contains(ext) {
                var input = body
                gzipped = try input.compress(with: .gzip())
            }
            byPath[path] = Asset(body: body, gzipped: gzipped, contentType: Self.contentType(ext))
            addresses[name] = path
        }
        self.byPath = byPath
        self.addresses = addresses
    }

    static func contentType(_ ext: String) -> String {
        switch ext {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }

    func response(path: String, acceptsGzip: Bool) -> Response? {
        guard let asset = byPath[path] else { return nil }
        var headers: HTTPFields = [
            .contentType: asset.contentType,
            .cacheControl: "public, max-age=31536000, immutable",
            .vary: "Accept-Encoding",
        ]
        if acceptsGzip, let gzipped = asset.gzipped {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzipped))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}

extension Request {
    var acceptsGzip: Bool {
        headers[.acceptEncoding]?.lowercased().contains("gzip") ?? false
    }
}
