import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/contact`: a message to the secretariat. It is stored and its forward to the site's contact
/// address queued in one transaction, with `Reply-To` the visitor, so answering is one click. A
/// hidden field catches robots that fill every input; posts are limited per client address.
struct ContactController<Context: RequestContext>: Sendable {
    let site: Site
    let contact: ContactQueries
    let trustForwardedFor: Bool

    /// A field no person sees or fills; a robot that fills it is thanked and nothing is kept.
    static var honeypot: String { "website" }

    struct Values: Sendable, Encodable {
        var name = ""
        var email = ""
        var subject = ""
        var message = ""
    }

    struct View: Sendable, Encodable {
        let action: String
        let values: Values
        let errors: [String: String]
        let hasErrors: Bool
        let formError: String?
    }

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/contact") { _, _, language in
            try await form(language, values: Values(), errors: FieldErrors())
        }
        router.postInEveryLanguage("/contact") { request, context, language in
            try await submit(request, context: context, language: language).personal()
        }
    }

    func submit(_ request: Request, context: Context, language: Language) async throws -> Response {
        let posted = try await FormData.read(request)
        let values = Values(name: posted.trimmed("name"), email: posted.trimmed("email"), subject: posted.trimmed("subject"),
                            message: posted["message"].trimmingCharacters(in: .whitespacesAndNewlines))
        guard posted[Self.honeypot].isEmpty else { return try await thanks(language) }
        let errors = ContactForm.errors(name: values.name, email: values.email, subject: values.subject, message: values.message)
        guard errors.isEmpty else { return try await form(language, values: values, errors: errors, status: .unprocessableContent) }
        let settings = try await site.settingsNow()
        let message = ContactQueries.NewMessage(name: values.name, email: values.email, subject: values.subject,
                                                message: values.message, language: language)
        let catalog = site.renderer.catalog
        let text = { @Sendable (key: String, fill: [String: String]) in catalog.text(key, .default, fill) }
        let publicURL = site.publicURL
        let outcome = try await contact.submit(
            message, address: request.clientAddress(context: context, trustForwardedFor: trustForwardedFor),
            forwardTo: settings.contactEmail.isEmpty ? nil : settings.contactEmail,
            forward: { id in
                OutgoingMail(
                    subject: values.subject.isEmpty ? text("mail_contact_subject_plain", ["name": values.name])
                        : text("mail_contact_subject", ["subject": values.subject]),
                    body: text("mail_contact_body", [
                        "site": settings.name, "name": values.name, "email": values.email, "subject": values.subject,
                        "language": language.nativeName, "message": values.message, "link": "\(publicURL)/admin/messages#message-\(id)",
                    ]),
                    headers: ["Reply-To": values.email])
            },
            now: site.clock.now)
        switch outcome {
        case .limited:
            return try await form(language, values: values, errors: FieldErrors(), formError: site.text("form_error_rate_limited", language),
                                  status: .tooManyRequests)
        case .stored:
            return try await thanks(language)
        }
    }

    func form(_ language: Language, values: Values, errors: FieldErrors, formError: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let address = PageAddress(language: language, path: "/contact")
        let title = site.text("nav_contact", language)
        let view = View(action: address.href("/contact"), values: values,
                        errors: errors.messages.mapValues { site.text($0, language) }, hasErrors: !errors.isEmpty,
                        formError: formError)
        return try await site.render("contact/form", address: address, title: title, description: site.text("contact_intro", language),
                                     page: view, status: status)
    }

    func thanks(_ language: Language) async throws -> Response {
        let address = PageAddress(language: language, path: "/contact")
        let page = OutcomePage(heading: site.text("contact_thanks_title", language),
                               paragraphs: [site.text("contact_thanks_text", language)],
                               link: .init(href: address.href("/"), label: site.text("error_back_home", language)))
        return try await site.render("form-outcome", address: address, title: page.heading, description: page.heading, page: page)
    }
}
