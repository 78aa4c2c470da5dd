import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The first thing a request meets. A public GET or HEAD whose page is in memory and still fresh
/// is answered from there, in gzip when the client takes it, before any route or the database is
/// touched; otherwise the page is rendered with its query reduced to the parameters pages read,
/// and kept when it may be: a 200 marked `public`, with no cookie set, for a request carrying no
/// credentials (`Authorization`, or our session cookie; a proxy's cookies do not count). No header or parameter a visitor sends turns the cache off: credentials only stop
/// a response being kept, they are still answered from memory. While the database is away a kept
/// page is served stale rather than a 503. Every public text response gets an `ETag` (and a 304
/// when it matches) and is gzipped when asked, cached or not.
struct PageCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let caching: PageCaching

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return try await answerUnsafe(request, context: context, next: next)
        }
        // An address too long for any page is left whole for `AddressLengthLimit` to refuse.
        guard PageKey.isCacheable(path: request.uri.path),
              request.uri.description.utf8.count <= AddressLengthLimit<Context>.maximumBytes else { return try await next(request, context) }
        let (key, normalised) = PageKey.normalise(request)
        var inner = normalised
        if inner.method == .head {
            // Rendered as the GET it stands for, so the page can be kept and the headers match.
            var head = inner.head
            head.method = .get
            inner = Request(head: head, body: inner.body)
        }
        guard let cache = caching.cache else {
            return try await deliver(try await next(inner, context), to: request, keep: nil)
        }
        let snapshot = await caching.freshness.current()
        let kept = cache.page(key)
        if let kept {
            if let snapshot, kept.generation == snapshot.generation { return answer(request, from: kept, status: "hit") }
            if !caching.database.isAvailable { return answer(request, from: kept, status: "stale") }
        }
        let response: Response
        do {
            response = try await next(inner, context)
        } catch {
            if let kept { return answer(request, from: kept, status: "stale") }
            throw error
        }
        if response.status == .serviceUnavailable, let kept { return answer(request, from: kept, status: "stale") }
        let keep = snapshot.flatMap { mayKeep(response, for: request) ? (cache, key, $0.generation) : nil }
        var delivered = try await deliver(response, to: request, keep: keep)
        delivered.headers[.xCache] = "miss"
        return delivered
    }

    /// A write answered here is seen at once by the editor who made it: the version is read again
    /// before the response leaves, instead of at the watcher's next tick. With the page cache off
    /// too, as pages read the site settings once for each version (`ContentFreshness.siteSettings`).
    private func answerUnsafe(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method != .options, request.method != .trace else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            await caching.freshness.refresh()
            return response
        } catch {
            await caching.freshness.refresh()
            throw error
        }
    }

    private func mayKeep(_ response: Response, for request: Request) -> Bool {
        guard response.status == .ok, response.headers[.setCookie] == nil,
              request.headers[.authorization] == nil, request.cookies[AdminGate.cookieName] == nil,
              let cacheControl = response.headers[.cacheControl]?.lowercased() else { return false }
        let directives = Set(cacheControl.split(separator: ",").map { ($0.split(separator: "=").first ?? "").trimmingCharacters(in: .whitespaces) })
        return directives.contains("public") && directives.isDisjoint(with: ["no-store", "private", "no-cache"])
    }

    /// Sends a rendered response: as a page (with its gzip form, tags and 304s) when it is a
    /// public 200 of text, kept in the cache if `keep` says where; as it came otherwise, gzipped
    /// when asked if it is text.
    private func deliver(_ response: Response, to request: Request, keep: (PageCache, String, Int)?) async throws -> Response {
        guard ResponseCompression.isCompressible(response.headers),
              let body = try await ResponseCompression.collect(response.body) else {
            return request.method == .head ? response.createHeadResponse() : response
        }
        let acceptsGzip = ResponseCompression.acceptsGzip(request.headers)
        if response.status == .ok, response.headers[.cacheControl]?.lowercased().contains("public") ?? false {
            // A kept page is compressed once, hard; one made for a single answer only if asked, lightly.
            let gzipped = keep != nil ? ResponseCompression.gzip(body, level: 9)
                : acceptsGzip ? ResponseCompression.gzip(body, level: 1) : nil
            let page = Self.page(response.headers, body: body, gzipped: gzipped, generation: keep?.2 ?? 0, kept: keep != nil)
            if let (cache, key, _) = keep { cache.keep(page, for: key) }
            return answer(request, from: page)
        }
        var headers = response.headers
        headers[.vary] = "Accept-Encoding"
        var sent = body
        if acceptsGzip, let gzipped = ResponseCompression.gzip(body, level: 1) {
            headers[.contentEncoding] = "gzip"
            sent = gzipped
        }
        headers[.contentLength] = String(sent.readableBytes)
        return request.method == .head ? Response(status: response.status, headers: headers)
            : Response(status: response.status, headers: headers, body: .init(byteBuffer: sent))
    }

    /// A page with every header set it is answered with made now, so answering copies nothing.
    /// A kept page's say `X-Cache: hit`, as every later answer from memory will.
    static func page(_ headers: HTTPFields, body: ByteBuffer, gzipped: ByteBuffer?, generation: Int, kept: Bool) -> CachedPage {
        var common = headers
        for name in [HTTPField.Name.contentLength, .contentEncoding, .eTag, .vary, .xCache] { common[name] = nil }
        common[.vary] = "Accept-Encoding"
        if kept { common[.xCache] = "hit" }
        let plainETag = ResponseCompression.etag(body)
        let gzipETag = ResponseCompression.etag(body, suffix: "-gzip")
        var notModified = common
        for name in [HTTPField.Name.contentType, .contentDisposition, .contentLanguage] { notModified[name] = nil }
        func with(_ fields: HTTPFields, _ changes: [HTTPField.Name: String]) -> HTTPFields {
            var fields = fields
            for (name, value) in changes { fields[name] = value }
            return fields
        }
        return CachedPage(
            plain: body, gzipped: gzipped, generation: generation,
            plainHeaders: with(common, [.eTag: plainETag, .contentLength: String(body.readableBytes)]),
            gzipHeaders: with(common, [.eTag: gzipETag, .contentEncoding: "gzip", .contentLength: String(gzipped?.readableBytes ?? 0)]),
            plainNotModifiedHeaders: with(notModified, [.eTag: plainETag]),
            gzipNotModifiedHeaders: with(notModified, [.eTag: gzipETag]),
            plainETag: plainETag, gzipETag: gzipETag
        )
    }

    /// A page's answer to this request: 304 when the client holds it, headers alone for HEAD,
    /// else the body in gzip or plain. `status` overrides the page's `X-Cache`.
    private func answer(_ request: Request, from page: CachedPage, status: String? = nil) -> Response {
        let gzip = page.gzipped != nil && ResponseCompression.acceptsGzip(request.headers)
        var response: Response
        if let ifNoneMatch = request.headers[.ifNoneMatch], ResponseCompression.matches(ifNoneMatch, gzip ? page.gzipETag : page.plainETag) {
            response = Response(status: .notModified, headers: gzip ? page.gzipNotModifiedHeaders : page.plainNotModifiedHeaders)
            // A 304 may only state the length of the body a 200 would carry, so it states none.
            response.headers[.contentLength] = nil
        } else if request.method == .head {
            response = Response(status: .ok, headers: gzip ? page.gzipHeaders : page.plainHeaders)
        } else if gzip, let gzipped = page.gzipped {
            response = Response(status: .ok, headers: page.gzipHeaders, body: .init(byteBuffer: gzipped))
        } else {
            response = Response(status: .ok, headers: page.plainHeaders, body: .init(byteBuffer: page.plain))
        }
        if let status { response.headers[.xCache] = status }
        return response
    }
}

extension HTTPField.Name {
    /// Says whether a page came from the cache (`hit`), was rendered (`miss`), or was served
    /// stale while the database was away (`stale`).
    static let xCache = Self("X-Cache")!
}
