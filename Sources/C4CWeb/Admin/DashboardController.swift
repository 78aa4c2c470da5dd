import C4CCore
import C4CStore
import Hummingbird

/// `/admin`: where a signed-in user starts, with the counts of what the site holds.
struct DashboardController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let counts: AdminCounts

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin", .signedIn, gate: gate) { _, _, admin in
            let rows = try await counts.all()
            return try await pages.render("admin/dashboard", title: pages.renderer.text("admin_dashboard", .default),
                                          user: admin.user, path: admin.path, page: DashboardView(
                                              greeting: pages.renderer.catalog.text("admin_greeting", .default, ["name": admin.user.name]),
                                              counts: rows.map { .init(label: pages.renderer.text("nav_\($0.section)", .default),
                                                                       published: $0.published, drafts: $0.drafts) }))
        }
    }

    struct DashboardView: Sendable, Encodable {
        struct Count: Sendable, Encodable {
            let label: String
            let published: Int
            let drafts: Int
        }
        let greeting: String
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
