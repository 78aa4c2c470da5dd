import Foundation

/// A forgiving reader of the HTML WordPress stores in a post: tags, text and comments in order,
/// each with the source it came from. It never fails; what does not look like a tag is text.
public enum HTMLToken: Equatable, Sendable {
    case text(String)
    case open(name: String, attributes: [String: String], selfClosing: Bool, source: String)
    case close(name: String, source: String)
    case comment(String)

    public var source: String {
        switch self {
        case .text(let text): text
        case .open(_, _, _, let source), .close(_, let source): source
        case .comment(let body): "<!--\(body)-->"
        }
    }
}

public enum HTMLTokenizer {
    public static func tokens(_ html: String) -> [HTMLToken] {
        let scalars = Array(html.unicodeScalars)
        var tokens: [HTMLToken] = []
        var text = String.UnicodeScalarView()
        var i = 0
        func flushText() {
            if !text.isEmpty { tokens.append(.text(String(text))); text = String.UnicodeScalarView() }
        }
        while i < scalars.count {
            guard scalars[i] == "<" else { text.append(scalars[i]); i += 1; continue }
            if starts(scalars, at: i, with: "<!--") {
                flushText()
                let end = find(scalars, "-->", from: i + 4) ?? scalars.count
                tokens.append(.comment(String(String.UnicodeScalarView(scalars[(i + 4)..<end]))))
                i = min(scalars.count, end + 3)
                continue
            }
            guard let (token, next) = tag(scalars, at: i) else { text.append(scalars[i]); i += 1; continue }
            flushText()
            tokens.append(token)
            i = next
        }
        flushText()
        return tokens
    }

    static func starts(_ s: [Unicode.Scalar], at i: Int, with prefix: String) -> Bool {
        let p = Array(prefix.unicodeScalars)
        guard i + p.count <= s.count else { return false }
        for k in 0..<p.count where s[i + k] != p[k] { return false }
        return true
    }

    static func find(_ s: [Unicode.Scalar], _ needle: String, from: Int) -> Int? {
        var i = from
        while i < s.count {
            if starts(s, at: i, with: needle) { return i }
            i += 1
        }
        return nil
    }

    static func isNameScalar(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c == ":" || c == "_"
    }

    /// A tag starting at `i`, and where reading goes on after it; nil when `<` starts no tag.
    static func tag(_ s: [Unicode.Scalar], at start: Int) -> (HTMLToken, Int)? {
        var i = start + 1
        let closing = i < s.count && s[i] == "/"
        if closing { i += 1 }
        guard i < s.count, (s[i] >= "a" && s[i] <= "z") || (s[i] >= "A" && s[i] <= "Z") else { return nil }
        var name = ""
        while i < s.count, isNameScalar(s[i]) { name.unicodeScalars.append(s[i]); i += 1 }
        var attributes: [String: String] = [:]
        var selfClosing = false
        while i < s.count {
            let c = s[i]
            if c == ">" {
                i += 1
                let source = String(String.UnicodeScalarView(s[start..<i]))
                let lower = name.lowercased()
                return closing ? (.close(name: lower, source: source), i)
                    : (.open(name: lower, attributes: attributes, selfClosing: selfClosing, source: source), i)
            }
            if c == "/" { selfClosing = true; i += 1; continue }
            if c == " " || c == "\n" || c == "\t" || c == "\r" { i += 1; continue }
            selfClosing = false
            var key = ""
            while i < s.count, s[i] != "=", s[i] != ">", s[i] != " ", s[i] != "\n", s[i] != "\t", !(s[i] == "/" && i + 1 < s.count && s[i + 1] == ">") {
                key.unicodeScalars.append(s[i]); i += 1
            }
            var value = ""
            if i < s.count, s[i] == "=" {
                i += 1
                if i < s.count, s[i] == "\"" || s[i] == "'" {
                    let quote = s[i]
                    i += 1
                    while i < s.count, s[i] != quote { value.unicodeScalars.append(s[i]); i += 1 }
                    i += 1
                } else {
                    while i < s.count, s[i] != ">", s[i] != " ", s[i] != "\n", s[i] != "\t" { value.unicodeScalars.append(s[i]); i += 1 }
                }
            }
            if !key.isEmpty { attributes[key.lowercased()] = HTMLEntities.decode(value) }
        }
        return nil
    }
}

/// Character references as WordPress writes them: numeric ones and the named ones editors produce.
public enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "ndash": "–", "mdash": "—",
        "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«", "raquo": "»", "copy": "©",
        "reg": "®", "trade": "™", "euro": "€", "pound": "£", "deg": "°", "middot": "·", "bull": "•", "times": "×",
        "eacute": "é", "egrave": "è", "agrave": "à", "aacute": "á", "ccedil": "ç", "ntilde": "ñ", "oacute": "ó",
        "uacute": "ú", "iacute": "í", "ouml": "ö", "uuml": "ü", "auml": "ä", "szlig": "ß",
    ]

    public static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semi]
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = named[String(name)]
                }
                if let decoded {
                    result += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }
}
