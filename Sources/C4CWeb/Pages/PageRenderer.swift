import C4CCore
import Foundation
import Hummingbird
import Mustache

/// Renders pages: Mustache templates loaded once at start, the text catalog, the fingerprinted
/// assets, and the layout every public page shares.
public struct PageRenderer: Sendable {
    let templates: TemplateLibrary
    /// The same templates read by swift-mustache, which rendered them by reflection before
    /// `TemplateLibrary`: kept as the oracle the tests and the render profile compare with.
    let mustache: MustacheLibrary
    let catalog: TextCatalog
    let assets: Assets
    let publicURL: String
    /// Fail a render whose template names a field its view model lacks, instead of rendering a
    /// blank: on in tests and in the browser-test server (`C4C_STRICT_TEMPLATES=1`).
    public var strictTemplates = false
    /// Set by `C4C_RENDER_PROFILE=1`: every render is timed both ways and logged (bench/run).
    var profile: RenderProfile?
    /// Tests only: render every page with swift-mustache too, through `Mirror`, and fail when the two differ.
    public var compareWithReflection = false

    public init(rootDirectory: URL, publicURL: String) async throws {
        MustacheContentTypes.register(FastHTMLContentType(), named: "HTML")
        let resources = rootDirectory.appendingPathComponent("Resources")
        self.templates = try TemplateLibrary(directory: resources.appendingPathComponent("Templates"))
        self.mustache = try await MustacheLibrary(directory: resources.appendingPathComponent("Templates").path)
        self.catalog = try TextCatalog.load(from: resources.appendingPathComponent("Catalog"))
        self.assets = try Assets(directory: rootDirectory.appendingPathComponent("Public"))
        self.publicURL = publicURL
    }

    /// Renders a template to an HTML response; a missing template is a programming error worth a 500.
    func html<Page: Encodable>(_ template: String, _ page: Page, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "public, max-age=0, must-revalidate"],
            body: .init(byteBuffer: ByteBuffer(string: try render(template, page)))
        )
    }

    /// A template's text for a view model, which reaches the template as `TemplateValue`s, not by reflection.
    func render<Page: Encodable>(_ template: String, _ page: Page) throws -> String {
        if compareWithReflection {
            let text = try renderValues(template, page)
            guard text == mustache.render(page, withTemplate: template) else { throw RenderingDiffers(template: template) }
            return text
        }
        guard let profile else { return try renderValues(template, page) }
        let clock = ContinuousClock()
        var text = ""
        let byValues = try clock.measure { text = try renderValues(template, page) }
        let byReflection = clock.measure { _ = mustache.render(page, withTemplate: template) }
        profile.record(template, byValues: byValues, byReflection: byReflection)
        return text
    }

    private func renderValues<Page: Encodable>(_ template: String, _ page: Page) throws -> String {
        let misses = strictTemplates ? TemplateMisses() : nil
        let value = try TemplateEncoder.encode(page, misses: misses)
        guard let text = templates.render(template, value, misses: misses) else {
            throw HTTPError(.internalServerError, message: "Template \(template) is missing")
        }
        if let misses, !misses.unknownNames.isEmpty {
            throw UnknownTemplateNames(template: template, names: misses.unknownNames)
        }
        return text
    }

    func text(_ key: String, _ language: Language) -> String { catalog.text(key, language) }

    func layout(address: PageAddress, title: String?, description: String, settings: SiteSettings,
                now: Date, versions: PageVersions? = nil, jsonLD: String? = nil) -> Layout {
        let language = address.language
        let t = { (key: String) in catalog.text(key, language) }
        func link(_ path: String, _ key: String) -> Layout.Link {
            Layout.Link(href: address.href(path), label: t(key), current: address.path == path || address.path.hasPrefix(path + "/"))
        }
        /// Free pages editors placed in a menu, except those the fixed menu already links.
        func menuLinks(_ menu: String) -> [Layout.Link] {
            settings.menuPages.shown(in: language).filter { $0.menu == menu && $0.slug != "about" }.map {
                Layout.Link(href: address.href("/\($0.slug)"), label: $0.title, current: address.path == "/\($0.slug)",
                            textLang: TextLanguage($0.lang, page: language))
            }
        }
        let versions = versions ?? .section(address.path)
        let alternates = versions.isVersion(language) ? versions.own.map {
            Layout.Alternate(hreflang: $0.language.rawValue, href: publicURL + $0.href)
        } + [Layout.Alternate(hreflang: "x-default", href: publicURL + versions.defaultHref)] : []
        return Layout(
            lang: language.rawValue,
            dir: language.direction,
            title: title.map { "\($0) · \(settings.name)" } ?? "\(settings.name) · \(settings.text("tagline", language).text)",
            description: description,
            // A page showing another language's row as fallback is a copy: its canonical is the original.
            canonical: publicURL + (versions.isVersion(language) || versions.defaultHref.isEmpty ? address.href(address.path) : versions.defaultHref),
            alternates: alternates,
            ogImage: publicURL + (assets.addresses["og-card.svg"] ?? ""),
            css: assets.addresses["site.css"] ?? "",
            js: assets.addresses["site.js"] ?? "",
            icon: assets.addresses["icon.svg"] ?? "",
            siteName: settings.name,
            tagline: LocalizedText(settings.text("tagline", language).text, settings.text("tagline", language).language, page: language),
            homeHref: address.href("/"),
            searchHref: address.href("/search"),
            nav: [
                link("/about", "nav_about"), link("/members", "nav_members"), link("/resources", "nav_resources"),
                link("/events", "nav_events"), link("/vacancies", "nav_vacancies"), link("/blog", "nav_blog"),
            ] + menuLinks("main"),
            moreNav: [
                link("/facts", "nav_facts"), link("/contribute", "nav_contribute"),
                link("/newsletter", "nav_newsletter"), link("/contact", "nav_contact"),
            ],
            footerNav: [
                link("/about/people", "nav_people"), link("/affiliates", "nav_affiliates"), link("/events/past", "nav_past_events"),
            ] + menuLinks("footer") + [
                // Feeds are in English for now, so every language links the same one.
                Layout.Link(href: "/feed.xml", label: t("nav_feed"), current: false),
            ],
            languages: Language.allCases.map {
                Layout.LanguageChoice(href: versions.switcher[$0] ?? PageAddress.href(address.path, $0), name: $0.nativeName,
                                      code: $0.rawValue, dir: $0.direction, current: $0 == language)
            },
            contactEmail: settings.contactEmail.isEmpty ? nil : settings.contactEmail,
            newsletterHref: address.href("/newsletter"),
            socialLinks: settings.socialLinks.filter { SafeURL.isAllowed($0.url) },
            hasSocialLinks: settings.socialLinks.contains { SafeURL.isAllowed($0.url) },
            year: String(Calendar(identifier: .gregorian).component(.year, from: now)),
            jsonLD: jsonLD
        )
    }
}
