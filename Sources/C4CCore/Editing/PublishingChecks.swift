import Foundation

/// Something an editor should see before publishing: a problem that blocks it (an image without
/// alt text) or a warning (a skipped heading level, "click here").
public struct PublishingCheck: Sendable, Equatable {
    public enum Severity: Sendable, Equatable { case blocking, warning }
    /// The catalog key of the message.
    public let key: String
    /// The field it was found in.
    public let field: String
    /// The words it concerns, quoted in the message: a heading, a link's text, an address.
    public let detail: String
    public let severity: Severity

    public init(_ key: String, field: String, detail: String = "", _ severity: Severity = .warning) {
        self.key = key
        self.field = field
        self.detail = detail
        self.severity = severity
    }
}

/// The checks that read Markdown: headings, link text, images' alt text, and which links point
/// inside the site.
public enum PublishingChecks {
    /// Link text that says nothing out of context, in the site's languages.
    static let vagueLinkText: Set<String> = [
        "click here", "here", "read more", "more", "link", "this link", "this page",
        "cliquez ici", "ici", "lire la suite", "en savoir plus", "plus",
        "haga clic aquí", "haz clic aquí", "clic aquí", "aquí", "leer más", "más",
        "clique aqui", "aqui", "leia mais", "saiba mais", "mais",
        "اضغط هنا", "انقر هنا", "هنا", "اقرأ المزيد", "المزيد",
    ]

    public static func markdown(_ text: String, field: String) -> [PublishingCheck] {
        var checks: [PublishingCheck] = []
        // The page's title is its first-level heading.
        var level = 1
        for line in proseLines(text) {
            if let heading = line.firstMatch(of: /^(#{1,6})\s+(.+?)\s*#*\s*$/) {
                let next = heading.1.count
                if next > level + 1 {
                    checks.append(PublishingCheck("check_heading_skipped", field: field, detail: "\(heading.2) (h\(level) → h\(next))"))
                }
                level = next
            }
            for image in line.matches(of: /!\[([^\]]*)\]\(([^)\s]*)[^)]*\)/) where image.1.trimmingCharacters(in: .whitespaces).isEmpty {
                checks.append(PublishingCheck("check_image_alt_missing", field: field, detail: String(image.2), .blocking))
            }
            for link in line.matches(of: /(!?)\[([^\]]+)\]\(([^)\s]+)[^)]*\)/) where link.1.isEmpty {
                let words = link.2.lowercased().trimmingCharacters(in: CharacterSet.whitespaces.union(.punctuationCharacters))
                if vagueLinkText.contains(words) {
                    checks.append(PublishingCheck("check_link_text_vague", field: field, detail: String(link.2)))
                }
            }
        }
        return checks
    }

    /// Site-relative link targets, without query or fragment: `/resources/a-report`.
    public static func internalLinks(_ text: String) -> [String] {
        var paths: [String] = []
        for line in proseLines(text) {
            for link in line.matches(of: /(!?)\[[^\]]*\]\((\/[^)\s#?]*)[^)]*\)/) where link.1.isEmpty && !link.2.hasPrefix("//") {
                paths.append(String(link.2))
            }
        }
        return paths
    }

    /// Site-relative image addresses, to weigh the page: `/files/12/photo.jpg`.
    public static func images(_ text: String) -> [String] {
        proseLines(text).flatMap { line in line.matches(of: /!\[[^\]]*\]\((\/[^)\s]+)[^)]*\)/).map { String($0.1) } }
    }

    /// The lines outside fenced code blocks, where `#` and brackets are only text.
    static func proseLines(_ text: String) -> [Substring] {
        var inFence = false
        return text.split(whereSeparator: \.isNewline).filter { line in
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inFence.toggle()
                return false
            }
            return !inFence
        }
    }
}
