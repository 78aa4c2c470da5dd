import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// The list of a content type's items.
extension ContentController {
    struct ListView: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            let title: String
            let href: String
            let status: String
            let updated: String
            let publicHref: String?
        }
        let heading: String
        let newHref: String?
        let rows: [Row]
        let search: String
        let statuses: [ChoiceOption]
        let sortByTitle: Bool
        let action: String
        let count: String
    }

    func list(_ type: ContentType, _ request: Request, _ admin: AdminRequest) async throws -> Response {
        let search = request.query("q"), status = request.query("status"), sort = request.query("sort") ?? "updated"
        let organisation = admin.user.roleValue == .focalPoint ? (admin.user.organisationId ?? -1) : nil
        let result = try await editor.list(type, search: search, status: status, sort: sort, organisationID: organisation, page: request.pageNumber)
        let siteZone = try await pages.settings.siteSettings().timeZone
        let base = "/admin/content/\(type.key)"
        let view = ListView(
            heading: pages.renderer.text("admin_type_\(type.key)", .default),
            newHref: organisation != nil && type.focalPoints != .proposals ? nil : base + "/new",
            rows: result.rows.map { row in
                .init(title: row.title, href: "\(base)/\(row.id)", status: statusLabel(row.status, row.publishAt, siteZone),
                      updated: Self.timestamp(row.updatedAt),
                      publicHref: row.status == "draft" ? nil : type.publicAddress(slug: row.slug).map { (row.lang == "en" ? "" : "/\(row.lang)") + $0 })
            },
            search: search ?? "",
            statuses: ([""] + PublicationStatus.allCases.map(\.rawValue)).map {
                ChoiceOption(value: $0, label: pages.renderer.text($0.isEmpty ? "admin_status_any" : "admin_status_\($0)", .default), selected: $0 == (status ?? ""))
            },
            sortByTitle: sort == "title", action: base,
            count: pages.renderer.catalog.counted("admin_items", .default, count: result.total)
        )
        return try await pages.render("admin/content-list", title: view.heading, user: admin.user, path: admin.path, page: view,
                                      notice: request.query("deleted") != nil ? pages.renderer.text("admin_deleted", .default) : nil)
    }

    func statusLabel(_ status: String, _ publishAt: Int64?, _ siteZone: TimeZone) -> String {
        if status == "scheduled", let publishAt {
            return pages.renderer.catalog.text("admin_status_scheduled_for", .default, ["when": LocalTimeText.siteTime(publishAt, zone: siteZone)])
        }
        return pages.renderer.text("admin_status_\(status)", .default)
    }
}
