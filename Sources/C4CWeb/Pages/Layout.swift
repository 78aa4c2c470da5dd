import C4CCore
import Foundation

/// What every public page's frame shows: head metadata, header, navigation and footer.
struct Layout: Sendable, Encodable {
    struct Link: Sendable, Encodable {
        let href: String
        let label: String
        let current: Bool
        /// Interface links are in the page's language; a free page's title may be English fallback.
        var textLang = TextLanguage.page
    }

    struct Alternate: Sendable, Encodable {
        let hreflang: String
        let href: String
    }

    struct LanguageChoice: Sendable, Encodable {
        let href: String
        let name: String
        let code: String
        let dir: String
        let current: Bool
    }

    let lang: String
    let dir: String
    let title: String
    let description: String
    let canonical: String
    let alternates: [Alternate]
    let ogImage: String
    let css: String
    let js: String
    let icon: String
    let siteName: String
    let tagline: LocalizedText
    let homeHref: String
    let searchHref: String
    let nav: [Link]
    let moreNav: [Link]
    let footerNav: [Link]
    let languages: [LanguageChoice]
    let contactEmail: String?
    /// Where the footer's mailing-list sign-up posts, in the page's language.
    let newsletterHref: String
    let socialLinks: [SocialLink]
    let hasSocialLinks: Bool
    let year: String
    let jsonLD: String?
    var ogType = "website"
    /// Said when the page's content is shown in another language than the one asked for.
    var fallbackNotice: String?
    /// Shown on a back-office preview of an item that may not be public yet.
    var previewNotice: String?
    /// The section's own feed, announced beside the site-wide one.
    var sectionFeedHref: String?
    var sectionFeedTitle: String?
}

/// The request's side of a page: its language and its address without the language prefix.
struct PageAddress: Sendable {
    let language: Language
    /// `/resources`, `/` for home.
    let path: String

    func href(_ path: String) -> String { Self.href(path, language) }

    static func href(_ path: String, _ language: Language) -> String {
        if language == .default { return path }
        return path == "/" ? language.pathPrefix : language.pathPrefix + path
    }
}
