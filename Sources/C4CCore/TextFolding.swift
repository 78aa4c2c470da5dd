import Foundation

/// Text reduced to what search and name sorting compare: lower case, no accents, words of
/// letters and digits separated by single spaces. Written once here and applied in Swift to the
/// indexed text and to the query alike, so SQLite FTS5 and PostgreSQL see the same tokens and
/// neither engine's own idea of case, accents or collation decides anything.
public enum TextFolding {
    /// `"Bogotá: São Paulo's ÉCOLE"` → `"bogota sao paulo s ecole"`.
    public static func fold(_ text: String) -> String {
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        // Compatibility decomposition splits accents from their letters (é → e + ◌́) and
        // ligatures and styled forms into plain letters (ﬁ → fi, ² → 2).
        for scalar in text.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                continue
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber, .spacingMark:
                if pendingSpace, !output.isEmpty { output.append(" ") }
                pendingSpace = false
                appendLowercased(scalar, to: &output)
            default:
                pendingSpace = true
            }
        }
        return String(output)
    }

    /// The folded words of a text, in order.
    public static func words(_ text: String) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }

    /// What a visitor typed as search terms: folded words, each a prefix to match (a single
    /// letter or digit matches only itself: as a prefix it would match most words), without
    /// repeats, at most `limit` of them and none longer than an indexed word can be. Quotes,
    /// operators and punctuation are separators here, so no query reaches an engine's syntax.
    public static func searchTerms(_ query: String, limit: Int = 8) -> [String] {
        var terms: [String] = []
        for word in words(String(query.prefix(500))) where !terms.contains(word) && terms.count < limit {
            terms.append(String(word.unicodeScalars.prefix(maxWordLength)))
        }
        return terms
    }

    /// Longer words are not indexed (PostgreSQL ignores words past 2,047 bytes; we cut well below).
    public static let maxWordLength = 60

    /// The key names are sorted by on both engines: "arbeit", "Ärzte", "École", "Zeta" in that
    /// order. Compare keys by their UTF-8 bytes (`precedes`), as SQLite's BINARY and
    /// PostgreSQL's "C" collation do.
    public static func sortKey(_ text: String) -> String { fold(text) }

    /// Whether `a` sorts before `b` by their sort keys, ties broken by the text itself.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let (keyA, keyB) = (sortKey(a), sortKey(b))
        if keyA != keyB { return keyA.utf8.lexicographicallyPrecedes(keyB.utf8) }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Letters that carry no decomposition but that readers treat as plain Latin letters.
    private static let replacements: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o",
        "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l",
        "ı": "i", "ħ": "h", "Ħ": "h", "ŧ": "t", "Ŧ": "t",
    ]

    private static func appendLowercased(_ scalar: Unicode.Scalar, to output: inout String.UnicodeScalarView) {
        if scalar.isASCII {
            let value = scalar.value
            output.append(value >= 65 && value <= 90 ? Unicode.Scalar(value + 32)! : scalar)
            return
        }
        if let replacement = replacements[scalar] {
            output.append(contentsOf: replacement.unicodeScalars)
            return
        }
        for lower in scalar.properties.lowercaseMapping.unicodeScalars {
            let category = lower.properties.generalCategory
            if category != .nonspacingMark && category != .enclosingMark { output.append(lower) }
        }
    }
}
