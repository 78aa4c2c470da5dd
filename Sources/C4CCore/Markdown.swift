import Foundation
import Ink

/// Markdown to HTML that is safe to put in a page whoever wrote it: raw HTML is shown as text,
/// links keep only http, https, mailto and site-relative targets, images only site-relative
/// sources (no third-party request), and a `#` heading becomes an `h2` under the page's own `h1`.
public enum Markdown {
    public static func html(_ markdown: String) -> String {
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .html) { input in HTMLEscaping.escape(input.html) },
            Modifier(target: .links) { input in
                // Ink does not escape quotes in a target: the tag must be exactly `<a href="…">`.
                guard let match = input.html.wholeMatch(of: /<a href="([^"<>]*)">(.*)<\/a>/.dotMatchesNewlines()),
                      SafeURL.isAllowed(String(match.1)) else {
                    return HTMLEscaping.escape(String(input.markdown))
                }
                return input.html
            },
            Modifier(target: .images) { input in
                // Only images from this site (no third-party request), with nothing but src and alt.
                guard let match = input.html.wholeMatch(of: /<img src="([^"<>]*)" alt="([^"<>]*)"\/>/),
                      match.1.hasPrefix("/"), SafeURL.isAllowed(String(match.1)) else { return "" }
                return #"<img loading="lazy" src="\#(match.1)" alt="\#(match.2)">"#
            },
            Modifier(target: .headings) { input in
                input.html.hasPrefix("<h1") ? "<h2" + input.html.dropFirst(3).replacingOccurrences(of: "</h1>", with: "</h2>") : input.html
            },
        ])
        return parser.html(from: escapingInlineTags(markdown))
    }

    /// Minutes to read at 200 words a minute, at least one.
    public static func readingMinutes(_ markdown: String) -> Int {
        let words = markdown.split { $0.isWhitespace }.count
        return max(1, Int((Double(words) / 200).rounded(.up)))
    }

    /// Ink passes inline tags inside paragraphs through untouched; `<` that opens a tag is turned
    /// into an entity first, so it reaches the page as text.
    static func escapingInlineTags(_ markdown: String) -> String {
        markdown.replacingOccurrences(of: "<(?=[A-Za-z/!?])", with: "&lt;", options: .regularExpression)
    }

}
