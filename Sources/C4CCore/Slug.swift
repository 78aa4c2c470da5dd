import Foundation

/// URL slugs: lower-case ASCII letters, digits and single hyphens. Addresses are cited and shared,
/// so a slug is made once from a title and never changes with it.
public enum Slug {
    public static func make(from text: String, maxLength: Int = 80) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: Locale(identifier: "en"))
        var slug = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                let hyphen = pendingHyphen && !slug.isEmpty
                if slug.count + (hyphen ? 2 : 1) > maxLength { break }
                if hyphen { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return slug.lowercased()
    }

    public static func isValid(_ slug: String) -> Bool {
        !slug.isEmpty && slug.count <= 120
            && slug.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
            && !slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--")
    }
}
