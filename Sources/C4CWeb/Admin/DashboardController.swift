import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin`: where a signed-in user starts, with what needs attention and the counts of what the
/// site holds. Focal points get no attention list: every item in it is an editor's to act on.
struct DashboardController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let counts: AdminCounts
    let attention: AttentionQueries
    let settings: SettingsQueries
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin", .signedIn, gate: gate) { _, _, admin in
            let rows = try await counts.all()
            let role = admin.user.roleValue
            let editor = role == .administrator || role == .editor
            let groups = editor ? try await attention.groups(now: clock.now, mail: role == .administrator) : []
            let zone = editor ? try await settings.siteSettings().timeZone : SiteSettings.utc
            return try await pages.render("admin/dashboard", title: pages.renderer.text("admin_dashboard", EditorLanguage.current),
                                          user: admin.user, path: admin.path, page: DashboardView(
                                              greeting: pages.renderer.catalog.text("admin_greeting", EditorLanguage.current, ["name": admin.user.name]),
                                              showsAttention: editor, attention: groups.map { view($0, zone: zone) },
                                              counts: rows.map { .init(label: pages.renderer.text("nav_\($0.section)", EditorLanguage.current),
                                                                       published: $0.published, drafts: $0.drafts) }))
        }
    }

    func view(_ group: AttentionQueries.Group, zone: TimeZone) -> DashboardView.Group {
        let date = { (item: AttentionQueries.Item) in item.at.map { EditorLanguage.day($0, zone: zone) } ?? "" }
        let catalog = pages.renderer.catalog
        return DashboardView.Group(
            heading: pages.renderer.text("admin_attention_\(group.kind.rawValue)", EditorLanguage.current), total: group.total,
            items: group.items.map { item in
                switch group.kind {
                case .facts:
                    .init(href: "/admin/content/facts/\(item.id)", label: item.label, detail: item.detail)
                case .contributions:
                    .init(href: "/admin/contributions/\(item.id)", label: item.label, detail: item.detail)
                case .mail:
                    .init(href: "/admin/mail", label: item.label, detail: item.detail)
                case .images:
                    .init(href: "/admin/media/\(item.id)", label: item.label.isEmpty ? item.detail : item.label, detail: item.detail)
                case .vacancies:
                    .init(href: "/admin/content/vacancies/\(item.id)", label: item.label,
                          detail: catalog.text("admin_attention_closes", EditorLanguage.current, ["date": date(item)]) + Self.language(item.detail))
                case .recordings:
                    .init(href: "/admin/content/events/\(item.id)", label: item.label,
                          detail: catalog.text("admin_attention_ended", EditorLanguage.current, ["date": date(item)]) + Self.language(item.detail))
                }
            })
    }

    /// A translation is its own item to edit: its language is named, English is not.
    static func language(_ code: String) -> String {
        code == Language.default.rawValue ? "" : " · \(code)"
    }

    struct DashboardView: Sendable, Encodable {
        struct Count: Sendable, Encodable {
            let label: String
            let published: Int
            let drafts: Int
        }
        struct Group: Sendable, Encodable {
            let heading: String
            let total: Int
            let items: [Link]
        }
        struct Link: Sendable, Encodable {
            let href: String
            let label: String
            let detail: String
        }
        let greeting: String
        let showsAttention: Bool
        let attention: [Group]
        let counts: [Count]
    }
}

/// How many items of each kind are published and waiting.
struct AdminCounts: Sendable {
    let database: any Database

    struct Row: Sendable, Encodable {
        let section: String
        let published: Int
        let drafts: Int
    }

    func all() async throws -> [Row] {
        let tables = [("resources", "resources"), ("events", "events"), ("vacancies", "vacancies"), ("blog", "blog_posts"),
                      ("members", "organisations"), ("facts", "key_facts")]
        return try await database.read { sql in
            var rows: [Row] = []
            for (section, table) in tables {
                let row = try await sql.raw("""
                    SELECT SUM(CASE WHEN status = 'draft' THEN 0 ELSE 1 END) AS published,
                    SUM(CASE WHEN status = 'draft' THEN 1 ELSE 0 END) AS drafts FROM \(ident: table)
                    """).first()
                rows.append(Row(section: section, published: try row?.decode(column: "published", as: Int?.self) ?? 0,
                                drafts: try row?.decode(column: "drafts", as: Int?.self) ?? 0))
            }
            return rows
        }
    }
}
