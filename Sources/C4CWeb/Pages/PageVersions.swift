import C4CCore
import C4CStore
import Hummingbird

/// Where each language's version of a page lives: what the head's hreflang alternates name and
/// where the footer's language switcher leads. A section exists in every language at one path; an
/// item exists in the languages it has a public row in, each at its own slug.
struct PageVersions: Sendable {
    /// The languages with a version of their own, each with its address (language prefix included).
    let own: [(language: Language, href: String)]
    /// The address `x-default` names.
    let defaultHref: String
    /// Where the switcher leads for each language: its own version, else the page that falls back for it.
    let switcher: [Language: String]

    /// A section: the same path in every language, English as the default.
    static func section(_ path: String) -> PageVersions {
        let hrefs = Language.allCases.map { ($0, PageAddress.href(path, $0)) }
        return PageVersions(own: hrefs, defaultHref: path, switcher: Dictionary(uniqueKeysWithValues: hrefs))
    }

    /// A page that exists in one language only, such as a sent newsletter issue.
    static func only(_ language: Language, _ path: String) -> PageVersions {
        let href = PageAddress.href(path, language)
        return PageVersions(own: [(language, href)], defaultHref: href, switcher: [language: href])
    }

    /// An item under `section` (`/resources`, or `` for free pages) with its translations' slugs.
    /// A language without a row of its own reads the English row under its own prefix, or, with
    /// no English row either, the original in the original's language.
    static func item(_ section: String, _ slugs: TranslatedSlugs) -> PageVersions {
        let own = Language.allCases.compactMap { language in
            slugs[language].map { (language, PageAddress.href("\(section)/\($0)", language)) }
        }
        var switcher: [Language: String] = [:]
        for language in Language.allCases {
            if let slug = slugs[language] {
                switcher[language] = PageAddress.href("\(section)/\(slug)", language)
            } else if language != .default, let slug = slugs[.default] {
                switcher[language] = PageAddress.href("\(section)/\(slug)", language)
            } else if let original = slugs.original, let slug = slugs[original] {
                switcher[language] = PageAddress.href("\(section)/\(slug)", original)
            }
        }
        let fallback = slugs.original.flatMap { original in slugs[original].map { PageAddress.href("\(section)/\($0)", original) } }
        let defaultHref = slugs[.default].map { "\(section)/\($0)" } ?? fallback ?? ""
        return PageVersions(own: own, defaultHref: defaultHref, switcher: switcher)
    }

    /// Whether a page in `language` is one of the versions, and so names them all: a page that falls
    /// back to another language's row is not, and names none, so that every alternate names it back.
    func isVersion(_ language: Language) -> Bool { own.contains { $0.language == language } }

    /// A 301 to the address this page belongs at in `address.language` (its own translation's slug,
    /// or the fallback's), or nil when the request is already there or no public row has the slug.
    func redirect(from address: PageAddress) -> Response? {
        guard let target = switcher[address.language], target != address.href(address.path) else { return nil }
        return Response(status: .movedPermanently, headers: [.location: target])
    }
}
