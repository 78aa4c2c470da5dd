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
        let parts = segments(text)
        let wordIndexes = parts.indices.filter { parts[$0].isWord }
        let first = wordIndexes.firstIndex { matches(parts[$0].text, terms) }
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
        // Scalar by scalar: every character it drops or tests is a single scalar, and walking
        // grapheme clusters cost a fifth of a search page at 50,000 resources.
        var output = String.UnicodeScalarView()
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
            if scalar.properties.isWhitespace {
                if !lastWasSpace { output.append(" ") }
                lastWasSpace = true
                continue
            }
            output.append(scalar)
            lastWasSpace = false
        }
        return String(output).trimmingSpaces
    }

    struct Segment {
        var text: Substring
        var isWord: Bool
    }

    /// The text cut into words (runs of letters and digits) and what lies between them.
    static func segments(_ text: String) -> [Segment] {
        var result: [Segment] = []
        var start = text.startIndex
        var inWord = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let isWordCharacter = character.isLetter || character.isNumber
            if isWordCharacter != inWord {
                if index > start { result.append(Segment(text: text[start..<index], isWord: inWord)) }
                start = index
                inWord = isWordCharacter
            }
            index = text.index(after: index)
        }
        if start < text.endIndex { result.append(Segment(text: text[start...], isWord: inWord)) }
        return result
    }

    static func matches(_ word: Substring, _ terms: [String]) -> Bool {
        guard !terms.isEmpty else { return false }
        let folded = word.utf8.allSatisfy { $0 < 0x80 } ? [asciiLowercased(word)] : TextFolding.words(String(word))
        return folded.contains { part in
            terms.contains { $0.unicodeScalars.count == 1 ? part == $0 : part.hasPrefix($0) }
        }
    }

    private static func asciiLowercased(_ word: Substring) -> String {
        String(decoding: word.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
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
