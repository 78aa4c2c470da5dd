/// Values of a query string as browsers send a form by GET (`application/x-www-form-urlencoded`):
/// `+` is a space and `%2B` a plus sign. Hummingbird's `queryParameters` decodes percent signs
/// only, so a search for `bogota school` came back as `bogota+school` in its own box.
/// Read byte by byte: the page cache asks for each of its fifteen parameters on every request.
public enum FormQuery {
    /// The first value of the named parameter; nil when it is absent. A `%` not followed by two
    /// hex digits stays as it came; bytes that are not UTF-8 become U+FFFD.
    public static func value(_ name: String, in query: Substring) -> String? {
        let bytes = query.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.endIndex
            let pair = query[start..<end]
            let equals = pair.utf8.firstIndex(of: UInt8(ascii: "="))
            let key = query[start..<(equals ?? end)]
            if isEscaped(key) ? decoded(key) == name : key.utf8.elementsEqual(name.utf8) {
                return equals.map { decoded(query[bytes.index(after: $0)..<end]) } ?? ""
            }
            start = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        return nil
    }

    private static func isEscaped(_ text: Substring) -> Bool {
        text.utf8.contains { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }
    }

    /// One name or value, decoded as the WHATWG URL-encoded parser does: `+` is a space, `%XX` a
    /// byte, a `%` without two hex digits stays as typed, and bytes that are not UTF-8 become
    /// U+FFFD, so no value is lost whole for one bad byte. Form bodies are read the same way (`FormData`).
    public static func decoded(_ text: Substring) -> String {
        guard isEscaped(text) else { return String(text) }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var bytes = text.utf8[...]
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "+"):
                output.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                if bytes.count >= 2, let high = hexValue(bytes[bytes.startIndex]), let low = hexValue(bytes[bytes.index(after: bytes.startIndex)]) {
                    output.append(high << 4 | low)
                    bytes = bytes.dropFirst(2)
                } else {
                    output.append(byte)
                }
            default:
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
