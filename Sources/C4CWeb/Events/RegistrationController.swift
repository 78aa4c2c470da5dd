import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// Built-in registration on an event's page: `POST /events/{slug}/register` takes a place or a
/// place on the waiting list; the emailed link `/events/registration/{token}` shows it with a
/// button that cancels it (a GET changes nothing, so mail scanners cancel nobody).
struct RegistrationController<Context: RequestContext>: Sendable {
    let site: Site
    let registrations: RegistrationQueries
    let directory: SiteQueries
    let mail: RegistrationMail
    let trustForwardedFor: Bool

    static var honeypot: String { "website" }

    struct Values: Sendable, Encodable {
        var name = ""
        var email = ""
        var organisation = ""
        var country = ""
    }

    /// The registration form, on the event's page and on its own when a value needs correcting.
    struct Form: Sendable, Encodable {
        let action: String
        let closes: String
        let values: Values
        let countries: [ChoiceOption]
        let errors: [String: String]
        let hasErrors: Bool
        let formError: String?
    }

    struct FormView: Sendable, Encodable {
        let eventTitle: String
        let eventHref: String
        let form: Form
    }

    struct CancelView: Sendable, Encodable {
        let eventTitle: String
        let eventHref: String
        let state: String
        let action: String?
    }

    func addRoutes(to router: Router<Context>) {
        router.postInEveryLanguage("/events/:slug/register") { request, context, language in
            try await register(request, context: context, slug: try context.parameters.require("slug"), language: language).personal()
        }
        router.getInEveryLanguage("/events/registration/:token") { _, context, language in
            try await registration(token: try context.parameters.require("token"), language: language).personal()
        }
        router.postInEveryLanguage("/events/registration/:token") { _, context, language in
            try await cancel(token: try context.parameters.require("token"), language: language).personal()
        }
    }

    func register(_ request: Request, context: Context, slug: String, language: Language) async throws -> Response {
        guard let event = try await registrations.event(slug: slug, language: language, now: site.clock.now) else { throw HTTPError(.notFound) }
        let posted = try await FormData.read(request)
        let values = Values(name: posted.trimmed("name"), email: posted.trimmed("email"), organisation: posted.trimmed("organisation"),
                            country: posted.trimmed("country"))
        let eventHref = PageAddress.href("/events/\(event.slug)", language)
        guard posted[Self.honeypot].isEmpty else { return try await outcome(language, eventHref, event.title, "registration_done_title", []) }
        var errors = FieldErrors()
        if values.name.isEmpty { errors.add("name", "error_field_name") }
        if values.name.count > 200 { errors.add("name", "error_field_too_long") }
        if !Validate.isEmail(values.email) { errors.add("email", "error_field_email") }
        if values.organisation.count > 200 { errors.add("organisation", "error_field_too_long") }
        let known = try await directory.countries()
        if !values.country.isEmpty, !known.contains(where: { $0.code == values.country }) { errors.add("country", "contribute_error_country") }
        guard errors.isEmpty else {
            return try await form(event, language, values: values, errors: errors, status: .unprocessableContent)
        }
        let mail = self.mail
        let result = try await registrations.register(
            .init(name: values.name, email: values.email, organisation: values.organisation, country: values.country, language: language),
            eventID: event.id, address: request.clientAddress(context: context, trustForwardedFor: trustForwardedFor),
            compose: { mail.compose($0, $1, $2, token: $3, position: $4) }, now: site.clock.now)
        switch result {
        case .registered:
            return try await outcome(language, eventHref, event.title, "registration_done_title",
                                     [site.renderer.catalog.text("registration_done_text", language, ["email": values.email])])
        case .waiting(let position):
            return try await outcome(language, eventHref, event.title, "registration_waiting_title",
                                     [site.renderer.catalog.text("registration_waiting_text", language,
                                                                 ["position": String(position), "email": values.email])])
        case .closed:
            return try await outcome(language, eventHref, event.title, "registration_closed_title",
                                     [site.text("registration_closed_text", language)], status: .conflict)
        case .limited:
            return try await form(event, language, values: values, errors: FieldErrors(),
                                  formError: site.text("form_error_rate_limited", language), status: .tooManyRequests)
        }
    }

    func form(_ event: RegistrationQueries.Event, _ language: Language, values: Values, errors: FieldErrors, formError: String? = nil,
              status: HTTPResponse.Status) async throws -> Response {
        let address = PageAddress(language: language, path: "/events/\(event.slug)")
        let view = FormView(eventTitle: event.title, eventHref: address.href(address.path),
                            form: try await Self.form(slug: event.slug, closesAt: event.closes, timeZone: event.timeZone, language,
                                                      values: values, errors: errors, formError: formError, site: site, directory: directory))
        return try await site.render("events/register", address: address, title: site.text("registration_title", language),
                                     description: event.title, page: view, status: status)
    }

    static func form(slug: String, closesAt: Int64, timeZone: String, _ language: Language, values: Values = Values(),
                     errors: FieldErrors = FieldErrors(), formError: String? = nil, site: Site,
                     directory: SiteQueries) async throws -> Form {
        let closes = ZonedTime(instant: Date(epochSeconds: closesAt), zone: TimeZone(identifier: timeZone) ?? .gmt)
        return Form(
            action: PageAddress.href("/events/\(slug)/register", language),
            closes: site.renderer.catalog.text("registration_closes", language, [
                "when": "\(closes.dateText(language: language)), \(closes.timeText(language: language)) \(closes.zoneName(language: language)) (\(closes.utcOffsetLabel))",
            ]),
            values: values,
            countries: site.countryChoices(try await directory.countries(), selected: values.country, language),
            errors: errors.messages.mapValues { site.text($0, language) }, hasErrors: !errors.isEmpty, formError: formError)
    }

    func registration(token: String, language: Language) async throws -> Response {
        guard token.count < 100, let (registration, event) = try await registrations.registration(token: token) else { throw HTTPError(.notFound) }
        let address = PageAddress(language: language, path: "/events/registration")
        let view = CancelView(
            eventTitle: event.title, eventHref: PageAddress.href("/events/\(event.slug)", language),
            state: site.text("registration_state_\(registration.status)", language),
            action: registration.status == "cancelled" || event.startsAt <= site.clock.now.epochSeconds
                ? nil : address.href("/events/registration") + "/" + token)
        return try await site.render("events/registration", address: address, title: site.text("registration_title", language),
                                     description: event.title, page: view)
    }

    func cancel(token: String, language: Language) async throws -> Response {
        guard token.count < 100, let (_, event) = try await registrations.registration(token: token) else { throw HTTPError(.notFound) }
        let mail = self.mail
        try await registrations.cancel(token: token, compose: { mail.compose($0, $1, $2, token: $3, position: $4) }, now: site.clock.now)
        return try await outcome(language, PageAddress.href("/events/\(event.slug)", language), event.title, "registration_cancelled_title",
                                 [site.text("registration_cancelled_text", language)])
    }

    func outcome(_ language: Language, _ eventHref: String, _ eventTitle: String, _ headingKey: String, _ paragraphs: [String],
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let address = PageAddress(language: language, path: "/events")
        let page = OutcomePage(heading: site.text(headingKey, language), paragraphs: paragraphs,
                               link: .init(href: eventHref, label: eventTitle))
        return try await site.render("form-outcome", address: address, title: page.heading, description: page.heading, page: page,
                                     status: status)
    }
}
