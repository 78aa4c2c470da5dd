import Foundation

/// The transfer encodings of a MIME body (RFC 2045) and the encoded parameters of RFC 2231.
enum MailEncoding {
    /// Text with lines ending in CRLF: as it is when it is short-lined ASCII; else quoted-printable
    /// when few bytes need escaping (Latin scripts stay readable), base64 when most do (Arabic,
    /// where quoted-printable would triple the size).
    static func text(_ text: String) -> (encoding: String, content: String) {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        let bytes = lines.reduce(0) { $0 + $1.utf8.count }
        if lines.allSatisfy({ $0.utf8.count <= 998 && $0.utf8.allSatisfy { $0 > 0 && $0 < 128 } }) {
            return ("7bit", lines.joined(separator: "\r\n") + "\r\n")
        }
        let escaped = lines.reduce(0) { count, line in count + line.utf8.count { !isLiteral($0) } }
        if escaped * 3 <= bytes {
            return ("quoted-printable", quotedPrintable(lines))
        }
        return ("base64", base64(Array((lines.joined(separator: "\r\n") + "\r\n").utf8)))
    }

    private static func isLiteral(_ byte: UInt8) -> Bool {
        (33...126).contains(byte) && byte != UInt8(ascii: "=") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    /// RFC 2045 6.7: lines of at most 76 characters, soft breaks never inside an escape, white
    /// space at a line's end escaped so no relay can strip it.
    static func quotedPrintable(_ lines: [Substring]) -> String {
        var output: [UInt8] = []
        for line in lines {
            var current: [UInt8] = []
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let atEnd = index == bytes.count - 1
                let piece: [UInt8] = isLiteral(byte) && !(atEnd && (byte == 32 || byte == 9))
                    ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                if current.count + piece.count > 75 {
                    output += current + Array("=\r\n".utf8)
                    current = []
                }
                current += piece
            }
            output += current + [13, 10]
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Lines of 76 characters, each ending in CRLF.
    static func base64(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        return Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) + "\r\n"
    }

    static let tokenCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~".utf8)

    /// A parameter as one or more `; name=value` segments, one a line: a quoted string when the
    /// value is short printable ASCII, else RFC 2231's `name*0*=utf-8''…` continuations, percent
    /// encoded, each within a line's length.
    static func parameter(_ name: String, _ value: String) -> [String] {
        if value.utf8.count <= 60 && value.utf8.allSatisfy({ (32...126).contains($0) }) {
            let quoted = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return ["\(name)=\"\(quoted)\""]
        }
        var pieces: [String] = []
        var current = ""
        for scalar in value.unicodeScalars {
            let encoded = String(scalar).utf8.map { byte in
                tokenCharacters.contains(byte) && byte != UInt8(ascii: "%") && byte != UInt8(ascii: "'")
                    ? String(UnicodeScalar(byte)) : "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }.joined()
            if current.utf8.count + encoded.utf8.count > 54 {
                pieces.append(current)
                current = ""
            }
            current += encoded
        }
        pieces.append(current)
        return pieces.enumerated().map { index, piece in "\(name)*\(index)*=\(index == 0 ? "utf-8''" : "")\(piece)" }
    }
}
