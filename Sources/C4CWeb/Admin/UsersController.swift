import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/users`: administrators list users and add editors, focal points and administrators.
struct UsersController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let users: UserQueries
    let organisations: SiteQueries
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/users", .administrators, gate: gate) { request, _, admin in
            let created = request.uri.queryParameters.get("created").map { pages.renderer.catalog.text("admin_user_created", .default, ["email": String($0)]) }
            return try await list(admin, form: FormView.empty, notice: created)
        }
        router.admin(.post, "/admin/users", .administrators, gate: gate) { _, _, admin in
            try await create(admin)
        }
    }

    struct FormView: Sendable {
        let name: String
        let email: String
        let roles: [ChoiceOption]
        let organisations: [ChoiceOption]
        let errors: [String: String]

        static var empty: FormView { FormView(name: "", email: "", roles: [], organisations: [], errors: [:]) }
    }

    struct ListView: Sendable {
        let users: [UserQueries.Summary]
        let form: FormView
    }

    func list(_ admin: AdminRequest, form: FormView, notice: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let members = try await organisations.members(language: .default, now: clock.now, kind: nil, country: nil).members
        let chosenRole = form.roles.first { $0.selected }?.value ?? Role.editor.rawValue
        let chosenOrganisation = form.organisations.first { $0.selected }?.value ?? ""
        let filled = FormView(
            name: form.name, email: form.email,
            roles: Role.allCases.map { .init(value: $0.rawValue, label: pages.renderer.text("admin_role_\($0.rawValue)", .default),
                                             selected: $0.rawValue == chosenRole) },
            organisations: members.map { .init(value: String($0.id), label: $0.name, selected: String($0.id) == chosenOrganisation) },
            errors: form.errors
        )
        return try await pages.render("admin/users", title: pages.renderer.text("admin_users", .default), user: admin.user,
                                      path: admin.path, page: ListView(users: try await users.all(), form: filled),
                                      notice: notice, status: status)
    }

    func create(_ admin: AdminRequest) async throws -> Response {
        let form = admin.form
        let name = form.trimmed("name"), email = form.trimmed("email").lowercased()
        var errors = Validate.account(name: name, email: email, password: form["password"], confirmation: form["confirmation"])
        let role = Role(rawValue: form["role"])
        if role == nil { errors.add("role", "error_field_role") }
        let organisationID = Int64(form["organisation"])
        if role == .focalPoint && organisationID == nil { errors.add("organisation", "error_field_organisation") }
        let kept = FormView(
            name: name, email: email,
            roles: [.init(value: form["role"], label: "", selected: true)],
            organisations: [.init(value: form["organisation"], label: "", selected: true)],
            errors: errors.messages.mapValues { pages.renderer.text($0, .default) }
        )
        guard errors.isEmpty, let role else {
            return try await list(admin, form: kept, notice: nil, status: .unprocessableContent)
        }
        do {
            let hash = try await PasswordHasher.hash(form["password"])
            try await users.create(email: email, name: name, passwordHash: hash, role: role,
                                   organisationID: role == .focalPoint ? organisationID : nil, actorID: admin.user.id, now: clock.now)
        } catch UserError.emailTaken {
            let taken = FormView(name: kept.name, email: kept.email, roles: kept.roles, organisations: kept.organisations,
                                 errors: ["email": pages.renderer.text("error_field_email_taken", .default)])
            return try await list(admin, form: taken, notice: nil, status: .unprocessableContent)
        }
        // Post, then redirect: reloading the page cannot send the form twice.
        return Response.redirect(to: QueryString.href("/admin/users", [("created", email)]))
    }
}
