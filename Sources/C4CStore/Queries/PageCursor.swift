import Foundation

/// Where the next page of a list starts: the sort key of the last item given out. Partners get it
/// as an opaque base64url string, so the key can change shape without breaking their code.
public struct PageCursor: Sendable, Equatable {
    let values: [String]

    init(_ values: [String]) { self.values = values }

    /// Nil for anything this site did not hand out: wrong encoding, wrong shape.
    public init?(encoded: String) {
        guard encoded.utf8.count <= 200 else { return nil }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
              text.hasPrefix("1\u{1F}") else { return nil }
        values = text.split(separator: "\u{1F}", omittingEmptySubsequences: false).dropFirst().map(String.init)
    }

    public var encoded: String {
        Data((["1"] + values).joined(separator: "\u{1F}").utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func integer(_ index: Int) -> Int64? {
        index < values.count ? Int64(values[index]) : nil
    }

    func text(_ index: Int) -> String? {
        index < values.count ? values[index] : nil
    }
}

/// One page of a list read after a cursor, and the cursor of the page after it.
public struct CursorPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var next: PageCursor?
}

/// A cursor this list did not hand out.
public struct InvalidCursor: Error, Sendable {
    public init() {}
}
