import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// Renders back-office pages in their own frame: the signed-in user's name, a menu of what
/// their role allows, and a sign-out button. Never cached.
struct AdminPages: Sendable {
    let renderer: PageRenderer
    let settings: SettingsQueries

    struct Frame: Sendable, Encodable {
        struct Link: Sendable, Encodable {
            let href: String
            let label: String
            let current: Bool
        }
        let title: String
        let language: String
        let direction: String
        let siteName: String
        let css: String
        let js: String
        /// The back office's own enhancements, each in its file: the editor's tools, autosave.
        let adminScripts: [String]
        let icon: String
        let userName: String
        let csrf: String
        let nav: [Link]
        let signedIn: Bool
        let notice: String?
    }

    struct View<Page: Sendable & Encodable>: Sendable, Encodable {
        let t: [String: String]
        let frame: Frame
        let page: Page
        let csrf: String
    }

    /// The menu, filtered by what the user's role allows.
    static var menu: [(href: String, key: String, access: Access)] {
        [("/admin", "admin_dashboard", .signedIn)]
            + ContentTypes.all.map { type in
                ("/admin/content/\(type.key)", "admin_type_\(type.key)", Access.content(type, focalPointsToo: true))
            }
            + [("/admin/topics", "admin_topics", .editors),
               ("/admin/media", "admin_media", .editors),
               ("/admin/subscribers", "admin_subscribers", .editors),
               ("/admin/newsletters", "admin_newsletters", .editors),
               ("/admin/messages", "admin_messages", .editors),
               ("/admin/contributions", "admin_contributions", .editors),
               ("/admin/users", "admin_users", .administrators),
               ("/admin/settings", "admin_settings", .administrators),
               ("/admin/mail", "admin_mail", .administrators),
               ("/admin/audit", "admin_audit", .administrators),
               ("/admin/account", "admin_account", .signedIn)]
    }

    static let scripts = ["editor.js", "autosave.js"]

    func render<Page: Sendable & Encodable>(_ template: String, title: String, user: SignedInUser?, path: String, page: Page,
                                notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let site = try await settings.siteSettings()
        let language = EditorLanguage.current
        let role = user?.roleValue
        let frame = Frame(
            title: "\(title) · \(site.name)", language: language.rawValue, direction: language.direction, siteName: site.name,
            css: renderer.assets.addresses["site.css"] ?? "", js: renderer.assets.addresses["site.js"] ?? "",
            adminScripts: Self.scripts.compactMap { renderer.assets.addresses[$0] },
            icon: renderer.assets.addresses["icon.svg"] ?? "", userName: user?.name ?? "", csrf: user?.csrfToken ?? "",
            nav: role.map { role in
                Self.menu.filter { $0.access.allows(role) }.map {
                    Frame.Link(href: $0.href, label: renderer.catalog.text($0.key, language),
                               current: path == $0.href || ($0.href != "/admin" && path.hasPrefix($0.href + "/")))
                }
            } ?? [],
            signedIn: user != nil, notice: notice
        )
        var response = try renderer.html(template, View(t: renderer.catalog.table(for: language), frame: frame, page: page,
                                                        csrf: user?.csrfToken ?? ""), status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
