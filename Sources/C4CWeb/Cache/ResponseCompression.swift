import CompressNIO
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// gzip for text responses. Brotli would save a little more, but no package in the set has it.
enum ResponseCompression {
    /// Whether the client takes gzip: named (or `*`) in `Accept-Encoding` without `q=0`.
    static func acceptsGzip(_ headers: HTTPFields) -> Bool {
        guard let value = headers[.acceptEncoding] else { return false }
        // The usual header has no q-values: a scan of its bytes, which is most of what a hit costs
        // here (String.contains measured at 3.5% of a cached page's CPU).
        var simple = value
        if let answer = simple.withUTF8({ Self.gzipWithoutQualities($0) }) { return answer }
        var gzip: Double?
        var any: Double?
        for part in value.split(separator: ",") {
            let pieces = part.split(separator: ";")
            guard let coding = pieces.first?.trimmingCharacters(in: .whitespaces).lowercased() else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if pair.count == 2, pair[0].lowercased() == "q", let number = Double(pair[1]) { quality = number }
            }
            if coding == "gzip" || coding == "x-gzip" { gzip = quality } else if coding == "*" { any = quality }
        }
        return (gzip ?? any ?? 0) > 0
    }

    /// Whether `gzip` or `*` is named, when no coding carries parameters; nil when one does.
    private static func gzipWithoutQualities(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var found = false
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: ";"): return nil
            case UInt8(ascii: "*"): found = true
            case UInt8(ascii: "g"), UInt8(ascii: "G"):
                if index + 3 < bytes.count, bytes[index + 1] | 0x20 == UInt8(ascii: "z"),
                   bytes[index + 2] | 0x20 == UInt8(ascii: "i"), bytes[index + 3] | 0x20 == UInt8(ascii: "p") { found = true }
            default: break
            }
        }
        return found
    }

    /// HTML, feeds, sitemaps, calendars, citations and other text.
    static func isCompressible(_ headers: HTTPFields) -> Bool {
        guard headers[.contentEncoding] == nil, let type = headers[.contentType]?.lowercased() else { return false }
        return type.hasPrefix("text/") || type.hasPrefix("application/xml") || type.hasPrefix("application/atom+xml")
            || type.hasPrefix("application/rss+xml") || type.hasPrefix("application/json") || type.hasPrefix("application/ld+json")
            || type.hasPrefix("application/xhtml+xml") || type.hasPrefix("image/svg+xml")
    }

    /// Level 9 for a page kept in the cache, compressed once; level 1, nginx's default, for one
    /// compressed per request.
    static func gzip(_ body: ByteBuffer, level: Int32) -> ByteBuffer? {
        var input = body
        return try? input.compress(with: .gzip(configuration: .init(compressionLevel: level)))
    }

    /// A strong tag for a body: the first 16 bytes of its SHA-256.
    static func etag(_ body: ByteBuffer, suffix: String = "") -> String {
        let digest = body.withUnsafeReadableBytes { SHA256.hash(data: $0) }
        return "\"" + digest.prefix(16).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + suffix + "\""
    }

    /// Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header).
    static func matches(_ ifNoneMatch: String, _ etag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }

    /// A response's body as one buffer; nil when its length is not known in advance (a stream).
    static func collect(_ body: ResponseBody) async throws -> ByteBuffer? {
        guard body.contentLength != nil else { return nil }
        let sink = Sink()
        try await body.write(Collector(sink: sink))
        return sink.buffer
    }

    private final class Sink {
        var buffer = ByteBuffer()
    }

    private struct Collector: ResponseBodyWriter {
        let sink: Sink

        mutating func write(_ buffer: ByteBuffer) async throws {
            // A rendered page arrives as one buffer: kept as it is, not copied.
            guard sink.buffer.readableBytes > 0 else {
                sink.buffer = buffer
                return
            }
            var buffer = buffer
            sink.buffer.writeBuffer(&buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
