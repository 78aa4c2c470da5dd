import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/events/{id}/registrations`: who registered for an event, who waits and who cancelled,
/// and the same as CSV for the organisers.
struct RegistrationsController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let registrations: RegistrationQueries
    let editor: ContentEditorQueries

    struct Line: Sendable, Encodable {
        let name: String
        let email: String
        let organisation: String
        let country: String
        let status: String
        let time: String
    }

    struct View: Sendable, Encodable {
        let heading: String
        let counts: String
        let eventHref: String
        let csvHref: String
        let lines: [Line]
        let hasLines: Bool
    }

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/events/:id/registrations", .editors, gate: gate) { _, context, admin in
            let id = try context.parameters.require("id", as: Int64.self)
            let (title, capacity) = try await event(id)
            let all = try await registrations.list(eventID: id)
            func count(_ status: String) -> String { String(all.filter { $0.status == status }.count) }
            let view = View(
                heading: text("admin_registrations_for", ["title": title]),
                counts: text("admin_registrations_counts", [
                    "registered": count("registered"), "waiting": count("waiting"), "cancelled": count("cancelled"),
                    "capacity": capacity.map(String.init) ?? "—",
                ]),
                eventHref: "/admin/content/events/\(id)", csvHref: "/admin/events/\(id)/registrations.csv",
                lines: all.map { Line(name: $0.name, email: $0.email, organisation: $0.organisation, country: $0.country,
                                      status: text("admin_registration_\($0.status)"), time: MessagesController<Context>.time($0.createdAt)) },
                hasLines: !all.isEmpty)
            return try await pages.render("admin/registrations", title: view.heading, user: admin.user, path: admin.path, page: view)
        }
        router.admin(.get, "/admin/events/:id/registrations.csv", .editors, gate: gate) { _, context, _ in
            let id = try context.parameters.require("id", as: Int64.self)
            _ = try await event(id)
            let all = try await registrations.list(eventID: id)
            let csv = CSV.document(header: ["name", "email", "organisation", "country", "status", "registered_at"],
                                   rows: all.map { [$0.name, $0.email, $0.organisation, $0.country, $0.status,
                                                    Date(epochSeconds: $0.createdAt).formatted(.iso8601)] })
            return textResponse(csv, contentType: "text/csv; charset=utf-8", filename: "registrations-event-\(id).csv", cache: "no-store")
        }
    }

    func event(_ id: Int64) async throws -> (title: String, capacity: Int?) {
        guard let item = try await editor.load(ContentTypes.named("events")!, id: id) else { throw HTTPError(.notFound) }
        return (item.fields["title"] ?? "", item.fields["capacity"].flatMap { Int($0) })
    }

    func text(_ key: String, _ values: [String: String] = [:]) -> String {
        pages.renderer.catalog.text(key, EditorLanguage.current, values)
    }
}
