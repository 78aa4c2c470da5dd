import Hummingbird

/// How a public request is named in the page cache: its path (the language is in it) and the
/// query parameters pages read, each cleaned as pages read it (`Request.query`), in one order.
/// Other parameters are dropped from the name and from the request the page is rendered for, so a
/// page can never depend on something its name leaves out.
enum PageKey {
    /// Every query parameter a public page reads. A page that reads another must add it here or
    /// never sees it; `PageCacheTests` checks each `query("…")` in the sources against this list.
    static let parameters = ["country", "kind", "language", "organisation", "page", "q", "region", "sort", "topic", "year",
                             // WordPress's `/?p=123` forms, which redirect once a site is imported (ErrorPageMiddleware).
                             "attachment_id", "cat", "p", "page_id", "tag"]

    /// Every query parameter an operation of the partners' API reads (`openapi.json`).
    static let apiParameters = ["country", "cursor", "kind", "lang", "language", "limit", "organisation", "q", "region", "series",
                                "topic", "when", "year"]

    static func keyParameters(for path: String) -> [String] {
        path.hasPrefix("/api/") ? apiParameters : parameters
    }

    /// Addresses never cached: the back office, uploaded files, probes, and the fingerprinted
    /// assets, which are kept in memory already with their gzip forms.
    static let uncachedPrefixes = ["/admin", "/files", "/healthz", "/metrics", "/assets"]

    static func isCacheable(path: String) -> Bool {
        !uncachedPrefixes.contains { path.hasPrefix($0) }
    }

    /// The key, and the request to render: the same one with its query reduced to the key's.
    static func normalise(_ request: Request) -> (key: String, request: Request) {
        let path = request.uri.path
        guard let raw = request.uri.query else { return (path, request) }
        var query = ""
        for name in keyParameters(for: path) {
            guard let value = request.query(name) else { continue }
            if !query.isEmpty { query += "&" }
            query += name + "=" + percentEncoded(value)
        }
        let target = query.isEmpty ? path : path + "?" + query
        guard query != raw else { return (target, request) }
        var head = request.head
        head.path = target
        return (target, Request(head: head, body: request.body))
    }

    /// Everything but ASCII letters, digits and `-._~` as `%XX`, so any value survives the trip.
    static func percentEncoded(_ value: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(value.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(UnicodeScalar(byte))
            default:
                encoded += "%"
                encoded.append(hex[Int(byte >> 4)])
                encoded.append(hex[Int(byte & 0x0F)])
            }
        }
        return encoded
    }
}
