/// The searched words marked in stored text, as HTML. Every character of the stored text is
/// escaped; the only markup is the `<mark>` tags added here, so the result can be written raw.
/// A word is marked when its folded form starts with a folded query term (or is that term, for
/// a term of one letter or digit): the rule the search engines apply, so what is marked matched.
public enum SearchHighlight {
    /// The whole text, escaped, with matching words marked.
    public static func html(_ text: String, terms: [String]) -> String {
        render(segments(text)[...], terms: terms)
    }

    /// About `length` words of the text, from a little before its first matching word (or from
    /// the start when none matches), escaped and marked, with "…" where it was cut.
    public static func excerpt(_ text: String, terms: [String], length: Int = 32) -> (html: String, matched: Bool) {
        var parts: [Segment] = []
        var wordIndexes: [Int] = []
        var first: Int?
        // Cut only as far as the passage reaches: past its last word the rest of a long body
        // changes nothing but the closing "…", which one more word tells.
        forEachSegment(of: text) { segment in
            parts.append(segment)
            guard segment.isWord else { return true }
            wordIndexes.append(parts.count - 1)
            if first == nil, matches(segment.text, terms) { first = wordIndexes.count - 1 }
            guard let first else { return true }
            return wordIndexes.count <= max(0, first - 6) + length
        }
        let startWord = max(0, (first ?? 0) - 6)
        guard startWord < wordIndexes.count else { return (html(text, terms: terms), false) }
        let start = wordIndexes[startWord]
        let endWord = min(wordIndexes.count, startWord + length)
        let end = endWord < wordIndexes.count ? wordIndexes[endWord] : parts.endIndex
        var html = render(parts[start..<end], terms: terms).trimmingSpaces
        if start > parts.startIndex { html = "… " + html }
        if end < parts.endIndex { html += " …" }
        return (html, first != nil)
    }

    /// Markdown as the words a reader sees: link targets, markup characters and line breaks go.
    public static func plainText(markdown: String) -> String {
        // Scalar by scalar into bytes: every character it drops or tests is a single scalar, and
        // walking grapheme clusters, then appending scalars to a string, cost a fifth of a search
        // page at 50,000 resources.
        var output: [UInt8] = []
        output.reserveCapacity(markdown.utf8.count)
        var scalars = markdown.unicodeScalars[...]
        var lastWasSpace = true
        while let scalar = scalars.popFirst() {
            if scalar == "]", scalars.first == "(" {
                // `[text](target)`: keep the text, drop the target.
                if let close = scalars.firstIndex(of: ")") { scalars = scalars[scalars.index(after: close)...] }
                continue
            }
            switch scalar {
            case "#", "*", "_", "`", "[", "]", ">", "|": continue
            default: break
            }
            if scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace {
                if !lastWasSpace { output.append(0x20) }
                lastWasSpace = true
                continue
            }
            if scalar.isASCII { output.append(UInt8(scalar.value)) } else { UTF8.encode(scalar) { output.append($0) } }
            lastWasSpace = false
        }
        if output.last == 0x20 { output.removeLast() }
        return String(decoding: output, as: UTF8.self)
    }

    struct Segment {
        var text: Substring
        var isWord: Bool
    }

    /// The text cut into words (runs of letters and digits) and what lies between them.
    static func segments(_ text: String) -> [Segment] {
        var result: [Segment] = []
        forEachSegment(of: text) { result.append($0); return true }
        return result
    }

    /// The segments of the text in order, until `body` answers false. A word is what
    /// `TextFolding` keeps as one: letters and digits, with the marks that follow them. Walked
    /// scalar by scalar, ASCII answered without a property lookup: walking grapheme clusters was
    /// a fifth of a search page at 50,000 resources.
    static func forEachSegment(of text: String, _ body: (Segment) -> Bool) {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var inWord = false
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let isWordScalar = isWordPart(scalars[index], continuing: inWord)
            if isWordScalar != inWord {
                if index > start, !body(Segment(text: text[start..<index], isWord: inWord)) { return }
                start = index
                inWord = isWordScalar
            }
            scalars.formIndex(after: &index)
        }
        if start < scalars.endIndex { _ = body(Segment(text: text[start...], isWord: inWord)) }
    }

    /// Whether a scalar belongs to a word: a letter or digit, or a mark or joiner that extends
    /// the word it follows (`e` + ◌́, a virama, a zero-width joiner inside an Indic word).
    static func isWordPart(_ scalar: Unicode.Scalar, continuing inWord: Bool) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
        }
        if value == 0x200C || value == 0x200D { return inWord }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return inWord
        default:
            return false
        }
    }

    static func matches(_ word: Substring, _ terms: [String]) -> Bool {
        guard !terms.isEmpty else { return false }
        if word.utf8.allSatisfy({ $0 < 0x80 }) {
            return terms.contains { asciiWord(word.utf8, matches: $0.utf8) }
        }
        return TextFolding.words(String(word)).contains { part in
            terms.contains { $0.unicodeScalars.count == 1 ? part == $0 : part.hasPrefix($0) }
        }
    }

    /// An ASCII word against a folded term, byte by byte and without a copy: the word folded is
    /// the word lower-cased, and it must be the term (a single letter or digit) or start with it.
    private static func asciiWord(_ word: Substring.UTF8View, matches term: String.UTF8View) -> Bool {
        if term.count == 1 ? word.count != 1 : word.count < term.count { return false }
        return zip(word, term).allSatisfy { byte, termByte in
            (byte >= 65 && byte <= 90 ? byte + 32 : byte) == termByte
        }
    }

    private static func render(_ parts: ArraySlice<Segment>, terms: [String]) -> String {
        var html = ""
        for part in parts {
            let escaped = HTMLEscaping.escape(String(part.text))
            html += part.isWord && matches(part.text, terms) ? "<mark>\(escaped)</mark>" : escaped
        }
        return html
    }
}

private extension String {
    var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
