import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/newsletter`: sign-up (here and in every page's footer) with double opt-in. The emailed link
/// opens a page whose button confirms; a GET of any link changes nothing, so mail scanners that
/// follow links subscribe and unsubscribe nobody. Pages behind a private link are never cached.
struct NewsletterController<Context: RequestContext>: Sendable {
    let site: Site
    let lists: MailingListQueries
    let topics: TopicQueries
    let trustForwardedFor: Bool

    /// A field no person sees or fills; a robot that fills it is answered as anyone else and
    /// nothing is kept or sent.
    static var honeypot: String { "website" }

    struct Values: Sendable, Encodable {
        var email = ""
        var name = ""
    }

    struct SignUpView: Sendable, Encodable {
        let action: String
        let values: Values
        let languages: [ChoiceOption]
        let topics: [ChoiceOption]
        let hasTopics: Bool
        let errors: [String: String]
        let hasErrors: Bool
        let formError: String?
        let archiveHref: String
    }

    struct ConfirmView: Sendable, Encodable {
        let action: String
        let email: String
    }

    struct PreferencesView: Sendable, Encodable {
        let action: String
        let unsubscribeAction: String
        let email: String
        let languages: [ChoiceOption]
        let topics: [ChoiceOption]
        let saved: Bool
        let unsubscribed: Bool
        let pending: Bool
        let signUpHref: String
    }

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/newsletter") { _, _, language in
            try await signUpForm(language, values: Values(), chosenLanguage: language, chosenTopics: [], errors: FieldErrors())
        }
        router.postInEveryLanguage("/newsletter") { request, context, language in
            try await signUp(request, context: context, language: language).personal()
        }
        router.getInEveryLanguage("/newsletter/confirm/:token") { _, context, language in
            let token = try context.parameters.require("token")
            guard let subscriber = try await lists.subscriber(confirmationToken: token, now: site.clock.now) else {
                return try await invalidLink(language).personal()
            }
            return try await confirmPage(language, token: token, email: subscriber.email).personal()
        }
        router.postInEveryLanguage("/newsletter/confirm/:token") { _, context, language in
            let token = try context.parameters.require("token")
            guard let manageToken = try await lists.confirm(token: token, now: site.clock.now) else {
                return try await invalidLink(language).personal()
            }
            return try await outcome(language, path: "/newsletter", heading: "newsletter_confirmed_title", paragraph: "newsletter_confirmed_text",
                                     link: (PageAddress.href("/newsletter/preferences/\(manageToken)", language), "newsletter_preferences_link"))
                .personal()
        }
        router.getInEveryLanguage("/newsletter/unsubscribe/:token") { _, context, language in
            let token = try context.parameters.require("token")
            guard let subscriber = try await lists.subscriber(manageToken: token, now: site.clock.now) else {
                return try await invalidLink(language).personal()
            }
            return try await unsubscribePage(language, token: token, email: subscriber.email).personal()
        }
        // Also the RFC 8058 one-click address: a mail client posts `List-Unsubscribe=One-Click`
        // here, from anywhere, without cookies; `CrossOriginProtection` lets exactly that through.
        router.postInEveryLanguage("/newsletter/unsubscribe/:token") { _, context, language in
            let token = try context.parameters.require("token")
            guard try await lists.unsubscribe(manageToken: token, now: site.clock.now) else { return try await invalidLink(language).personal() }
            return try await outcome(language, path: "/newsletter", heading: "newsletter_unsubscribed_title",
                                     paragraph: "newsletter_unsubscribed_text",
                                     link: (PageAddress.href("/newsletter/preferences/\(token)", language), "newsletter_preferences_link"))
                .personal()
        }
        router.getInEveryLanguage("/newsletter/preferences/:token") { _, context, language in
            let token = try context.parameters.require("token")
            return try await preferences(language, token: token, saved: false).personal()
        }
        router.postInEveryLanguage("/newsletter/preferences/:token") { request, context, language in
            let token = try context.parameters.require("token")
            let form = try await FormData.read(request)
            let chosen = Language(rawValue: form["language"]) ?? language
            guard try await lists.savePreferences(manageToken: token, language: chosen, topicIDs: form.all("topic").compactMap { Int64($0) },
                                                  now: site.clock.now) else {
                return try await invalidLink(language).personal()
            }
            return try await preferences(language, token: token, saved: true).personal()
        }
    }

    // MARK: Signing up

    func signUp(_ request: Request, context: Context, language: Language) async throws -> Response {
        let form = try await FormData.read(request)
        let values = Values(email: form.trimmed("email"), name: form.trimmed("name"))
        let chosenLanguage = Language(rawValue: form["language"]) ?? language
        let chosenTopics = form.all("topic").compactMap { Int64($0) }
        guard form[Self.honeypot].isEmpty else { return try await checkYourInbox(language) }
        let email = MailingList.normalised(values.email)
        let errors = MailingList.signUpErrors(email: email, name: values.name, blockedDomains: try await lists.blockedDomains())
        guard errors.isEmpty else {
            return try await signUpForm(language, values: values, chosenLanguage: chosenLanguage, chosenTopics: chosenTopics,
                                        errors: errors, status: .unprocessableContent)
        }
        let settings = try await site.settingsNow()
        let catalog = site.renderer.catalog
        let publicURL = site.publicURL
        let result = try await lists.signUp(
            .init(email: email, name: values.name, language: chosenLanguage, topicIDs: chosenTopics),
            address: request.clientAddress(context: context, trustForwardedFor: trustForwardedFor),
            mail: { notice, language in
                switch notice {
                case .confirm(let token):
                    let link = publicURL + PageAddress.href("/newsletter/confirm/\(token)", language)
                    return OutgoingMail(subject: catalog.text("mail_newsletter_confirm_subject", language, ["site": settings.name]),
                                        body: catalog.text("mail_newsletter_confirm_body", language, ["site": settings.name, "link": link]))
                case .alreadySubscribed(let token):
                    let link = publicURL + PageAddress.href("/newsletter/preferences/\(token)", language)
                    return OutgoingMail(subject: catalog.text("mail_newsletter_known_subject", language, ["site": settings.name]),
                                        body: catalog.text("mail_newsletter_known_body", language, ["site": settings.name, "link": link]))
                }
            },
            now: site.clock.now)
        switch result {
        case .limited:
            return try await signUpForm(language, values: values, chosenLanguage: chosenLanguage, chosenTopics: chosenTopics,
                                        errors: FieldErrors(), formError: site.text("form_error_rate_limited", language),
                                        status: .tooManyRequests)
        case .accepted:
            return try await checkYourInbox(language)
        }
    }

    func signUpForm(_ language: Language, values: Values, chosenLanguage: Language, chosenTopics: [Int64], errors: FieldErrors,
                    formError: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let address = PageAddress(language: language, path: "/newsletter")
        let topics = try await topicChoices(Set(chosenTopics), language)
        let view = SignUpView(
            action: address.href("/newsletter"), values: values, languages: languageChoices(chosenLanguage),
            topics: topics, hasTopics: !topics.isEmpty,
            errors: errors.messages.mapValues { site.text($0, language) }, hasErrors: !errors.isEmpty, formError: formError,
            archiveHref: address.href("/newsletter/archive"))
        return try await site.render("newsletter/signup", address: address, title: site.text("nav_newsletter", language),
                                     description: site.text("newsletter_intro", language), page: view, status: status)
    }

    func checkYourInbox(_ language: Language) async throws -> Response {
        try await outcome(language, path: "/newsletter", heading: "newsletter_sent_title", paragraph: "newsletter_sent_text",
                          link: (PageAddress.href("/", language), "error_back_home"))
    }

    // MARK: Links from mail

    func confirmPage(_ language: Language, token: String, email: String) async throws -> Response {
        let address = PageAddress(language: language, path: "/newsletter/confirm/\(token)")
        return try await site.render("newsletter/confirm", address: address, title: site.text("newsletter_confirm_title", language),
                                     description: site.text("newsletter_confirm_title", language),
                                     page: ConfirmView(action: address.href(address.path), email: email))
    }

    func unsubscribePage(_ language: Language, token: String, email: String) async throws -> Response {
        let address = PageAddress(language: language, path: "/newsletter/unsubscribe/\(token)")
        return try await site.render("newsletter/unsubscribe", address: address, title: site.text("newsletter_unsubscribe_title", language),
                                     description: site.text("newsletter_unsubscribe_title", language),
                                     page: ConfirmView(action: address.href(address.path), email: email))
    }

    func preferences(_ language: Language, token: String, saved: Bool) async throws -> Response {
        guard let subscriber = try await lists.subscriber(manageToken: token, now: site.clock.now) else { return try await invalidLink(language) }
        let address = PageAddress(language: language, path: "/newsletter/preferences/\(token)")
        let view = PreferencesView(
            action: address.href(address.path), unsubscribeAction: address.href("/newsletter/unsubscribe/\(token)"),
            email: subscriber.email, languages: languageChoices(Language(rawValue: subscriber.language) ?? .default),
            topics: try await topicChoices(Set(subscriber.topicIDs), language), saved: saved,
            unsubscribed: subscriber.status == "unsubscribed", pending: subscriber.status == "pending",
            signUpHref: address.href("/newsletter"))
        return try await site.render("newsletter/preferences", address: address, title: site.text("newsletter_preferences_title", language),
                                     description: site.text("newsletter_preferences_title", language), page: view)
    }

    func invalidLink(_ language: Language) async throws -> Response {
        try await outcome(language, path: "/newsletter", heading: "newsletter_invalid_title", paragraph: "newsletter_invalid_text",
                          link: (PageAddress.href("/newsletter", language), "newsletter_sign_up_again"), status: .notFound)
    }

    // MARK: Parts

    func outcome(_ language: Language, path: String, heading: String, paragraph: String, link: (href: String, key: String),
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let page = OutcomePage(heading: site.text(heading, language), paragraphs: [site.text(paragraph, language)],
                               link: .init(href: link.href, label: site.text(link.key, language)))
        return try await site.render("form-outcome", address: PageAddress(language: language, path: path), title: page.heading,
                                     description: page.heading, page: page, status: status)
    }

    func languageChoices(_ chosen: Language) -> [ChoiceOption] {
        Language.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.nativeName, selected: $0 == chosen) }
    }

    /// The site's topics, subtopics after their parent ("Mobility › Road safety").
    func topicChoices(_ chosen: Set<Int64>, _ language: Language) async throws -> [ChoiceOption] {
        try await topics.all(language: language).map { topic in
            ChoiceOption(value: String(topic.id), label: (topic.parentName.map { "\($0) › " } ?? "") + topic.name,
                         selected: chosen.contains(topic.id))
        }
    }
}
