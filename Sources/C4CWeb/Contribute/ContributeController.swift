import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/contribute`: anyone sends an insight, a case study, a tool… with attachments. It is stored,
/// files and receipt included, in one transaction before anything else happens; the visitor sees
/// a reference and a private status link (`/contribute/status/{token}`), which the receipt repeats.
/// Robots are kept out without any outside service: a hidden field, a minimum time to fill the
/// form, and a limit per client address.
struct ContributeController<Context: RequestContext>: Sendable {
    let site: Site
    let contributions: ContributionQueries
    let directory: SiteQueries
    let trustForwardedFor: Bool

    /// A field no person sees or fills; a robot that fills it is thanked and nothing is kept.
    static var honeypot: String { "website" }
    /// No person reads the form and fills it in less.
    static var minimumSeconds: Int64 { 3 }

    struct View: Sendable, Encodable {
        let action: String
        let values: ContributionForm.Values
        let kinds: [ChoiceOption]
        let countries: [ChoiceOption]
        let errors: [String: String]
        let hasErrors: Bool
        let formError: String?
        let startedAt: Int64
        let limits: String
        let privacyHref: String
    }

    struct Received: Sendable, Encodable {
        let reference: String
        let statusHref: String
        let email: String
        let homeHref: String
    }

    struct Status: Sendable, Encodable {
        let reference: String
        let title: String
        let received: String
        let state: String
        let explanation: String
        let editorMessage: String?
    }

    func addRoutes(to router: Router<Context>) {
        router.getInEveryLanguage("/contribute") { _, _, language in
            try await form(language, values: ContributionForm.Values(), errors: FieldErrors()).personal()
        }
        router.postInEveryLanguage("/contribute") { request, context, language in
            try await submit(request, context: context, language: language).personal()
        }
        for language in Language.allCases {
            router.get(RouterPath(PageAddress.href("/contribute/status", language) + "/:token")) { _, context in
                try await status(token: context.parameters.get("token") ?? "", language: language).personal()
            }
        }
    }

    func submit(_ request: Request, context: Context, language: Language) async throws -> Response {
        let upload = try await ContributionUpload.read(request)
        let values = Self.values(upload.fields)
        if let refusal = upload.refusal {
            let key = switch refusal {
            case .fileTooLarge: "contribute_error_file_too_large"
            case .tooLarge: "contribute_error_files_too_large"
            case .tooManyFiles: "contribute_error_too_many_files"
            }
            var errors = FieldErrors()
            errors.add("files", key)
            return try await form(language, values: values, errors: errors,
                                  status: refusal == .tooManyFiles ? .unprocessableContent : .contentTooLarge)
        }
        guard upload.fields[Self.honeypot, default: ""].isEmpty else { return try await thanksRobot(language) }
        var errors = ContributionForm.errors(values)
        if !values.country.isEmpty, !(try await directory.countries()).contains(where: { $0.code == values.country }) {
            errors.add("country", "contribute_error_country")
        }
        var attachments: [ContributionQueries.Attachment] = []
        for file in upload.files {
            guard let kind = UploadKind.detect(file.bytes, name: file.name), ContributionForm.acceptedTypes.contains(kind.contentType) else {
                errors.add("files", "contribute_error_file_type")
                continue
            }
            attachments.append(.init(name: Self.storedName(file.name, kind: kind), contentType: kind.contentType, data: Data(file.bytes)))
        }
        guard errors.isEmpty else { return try await form(language, values: values, errors: errors, status: .unprocessableContent) }
        let started = Int64(upload.fields["started", default: ""]) ?? .max
        guard site.clock.now.epochSeconds - started >= Self.minimumSeconds else {
            return try await form(language, values: values, errors: FieldErrors(), formError: site.text("contribute_error_too_fast", language),
                                  status: .unprocessableContent)
        }
        let catalog = site.renderer.catalog
        let publicURL = site.publicURL
        let statusBase = publicURL + PageAddress.href("/contribute/status", language) + "/"
        let kindLabel = site.text("contribute_kind_\(values.kind)", language)
        let fileNames = attachments.map(\.name)
        let outcome = try await contributions.submit(
            values, language: language, files: attachments,
            address: request.clientAddress(context: context, trustForwardedFor: trustForwardedFor),
            receipt: { reference, token in
                OutgoingMail(
                    subject: catalog.text("mail_contribution_received_subject", language, ["reference": reference]),
                    body: catalog.text("mail_contribution_received_body", language, [
                        "name": values.name, "reference": reference, "title": values.title, "kind": kindLabel,
                        "files": fileNames.isEmpty ? "—" : fileNames.joined(separator: ", "), "link": statusBase + token,
                    ]))
            },
            now: site.clock.now)
        switch outcome {
        case .limited:
            return try await form(language, values: values, errors: FieldErrors(), formError: site.text("form_error_rate_limited", language),
                                  status: .tooManyRequests)
        case .stored(_, let reference, let token):
            let address = PageAddress(language: language, path: "/contribute")
            let page = Received(reference: reference, statusHref: address.href("/contribute/status") + "/" + token, email: values.email,
                                homeHref: address.href("/"))
            return try await site.render("contribute/received", address: address, title: site.text("contribute_received_title", language),
                                         description: site.text("contribute_received_title", language), page: page)
        }
    }

    static func values(_ fields: [String: String]) -> ContributionForm.Values {
        func trimmed(_ name: String) -> String { fields[name, default: ""].trimmingCharacters(in: .whitespacesAndNewlines) }
        var values = ContributionForm.Values()
        values.kind = trimmed("kind")
        values.title = trimmed("title")
        values.summary = trimmed("summary")
        values.body = trimmed("body")
        values.links = trimmed("links")
        values.country = trimmed("country")
        values.city = trimmed("city")
        values.name = trimmed("name")
        values.email = trimmed("email")
        values.organisation = trimmed("organisation")
        values.consentToPublish = fields["consent"] == "yes"
        values.privacyAccepted = fields["privacy"] == "yes"
        return values
    }

    /// The name a file is kept under: what the visitor called it, with the extension its content
    /// says it has, so a PDF named `photo.jpg` is stored as `photo.pdf`.
    static func storedName(_ name: String, kind: UploadKind) -> String {
        let stem = (name as NSString).deletingPathExtension.trimmingCharacters(in: .whitespaces)
        let safe = String(stem.unicodeScalars.filter { !SafeURL.hasControlCharacters(String($0)) && $0 != "/" && $0 != "\\" }.prefix(100))
        return (safe.isEmpty ? "attachment" : safe) + "." + kind.fileExtension
    }

    func form(_ language: Language, values: ContributionForm.Values, errors: FieldErrors, formError: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let address = PageAddress(language: language, path: "/contribute")
        let title = site.text("nav_contribute", language)
        let countries = try await directory.countries()
        let view = View(
            action: address.href("/contribute"), values: values,
            kinds: ContributionForm.kinds.map { ChoiceOption(value: $0, label: site.text("contribute_kind_\($0)", language), selected: values.kind == $0) },
            countries: site.countryChoices(countries, selected: values.country, language),
            errors: errors.messages.mapValues { site.text($0, language) }, hasErrors: !errors.isEmpty, formError: formError,
            startedAt: site.clock.now.epochSeconds,
            limits: site.renderer.catalog.text("contribute_files_limits", language, [
                "each": "\(ContributionForm.fileLimit / 1_048_576)", "total": "\(ContributionForm.totalLimit / 1_048_576)",
                "count": "\(ContributionForm.fileCount)",
            ]),
            privacyHref: address.href("/privacy"))
        return try await site.render("contribute/form", address: address, title: title, description: site.text("contribute_intro", language),
                                     page: view, status: status)
    }

    /// What a robot that filled the hidden field sees: the usual thanks, and nothing was kept.
    func thanksRobot(_ language: Language) async throws -> Response {
        let address = PageAddress(language: language, path: "/contribute")
        let page = OutcomePage(heading: site.text("contribute_received_title", language), paragraphs: [],
                               link: .init(href: address.href("/"), label: site.text("error_back_home", language)))
        return try await site.render("form-outcome", address: address, title: page.heading, description: page.heading, page: page)
    }

    func status(token: String, language: Language) async throws -> Response {
        guard !token.isEmpty, token.count < 100, let contribution = try await contributions.contribution(token: token) else {
            throw HTTPError(.notFound)
        }
        let address = PageAddress(language: language, path: "/contribute")
        let page = Status(
            reference: contribution.reference, title: contribution.title,
            received: Date(epochSeconds: contribution.createdAt).formatted(.iso8601.year().month().day()),
            state: site.text("contribute_status_\(contribution.status)", language),
            explanation: site.text("contribute_status_\(contribution.status)_text", language),
            editorMessage: contribution.editorMessage.isEmpty ? nil : contribution.editorMessage)
        return try await site.render("contribute/status", address: address, title: site.text("contribute_status_title", language),
                                     description: site.text("contribute_status_title", language), page: page)
    }
}
