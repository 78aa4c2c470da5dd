import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// The page a save over a newer version gets (409): what the other editor saved and what this one
/// typed, field by field where they differ, and the typing kept in a form that saves it over
/// theirs only when asked to.
extension ContentController {
    struct ConflictView: Sendable, Encodable {
        struct Difference: Sendable, Encodable {
            let name: String
            let label: String
            let theirs: String
            let yours: String
            /// Their text turned into yours, word by word: escaped text with `<ins>` and `<del>`.
            let diff: String
            /// Typed text the editor may merge by hand before saving again.
            let editable: Bool
            let rows: Int
        }
        struct Hidden: Sendable, Encodable {
            let name: String
            let value: String
        }
        let heading: String
        let savedBy: String
        let itemHref: String
        let action: String
        let version: String
        let saveAction: String
        let differences: [Difference]
        let hasDifferences: Bool
        let hidden: [Hidden]
    }

    func conflictPage(_ type: ContentType, id: Int64, _ admin: AdminRequest, typed: [String: String]) async throws -> Response {
        guard let theirs = try await editor.load(type, id: id) else { throw HTTPError(.notFound) }
        let latest = try await editor.revisions(type, id: id).first
        let isEditor = admin.user.roleValue != .focalPoint
        var differences: [ConflictView.Difference] = []
        var shown = Set<String>()
        let visible = type.fields.filter { isEditor || $0.setter == .anyone }
        for (name, kind) in visible.map({ ($0.name, Optional($0.kind)) }) + [("slug", nil)] {
            let stored = name == "slug" ? theirs.slug : theirs.fields[name] ?? ""
            let mine = typed[name] ?? ""
            guard Self.comparable(stored, kind) != Self.comparable(mine, kind) else { continue }
            // Text posted as one field of that name can be merged by hand; anything else goes back as sent.
            var editable = admin.form.all(name).count == 1
            switch kind {
            case .text?, .longText?, .markdown?, .url?, .email?, .lines?, .none: break
            default: editable = false
            }
            if editable { shown.insert(name) }
            differences.append(.init(name: name, label: pages.renderer.text("field_\(name)", EditorLanguage.current),
                                     theirs: Self.shown(stored, kind), yours: Self.shown(mine, kind),
                                     diff: diffHTML(Self.shown(stored, kind), Self.shown(mine, kind)), editable: editable,
                                     rows: Self.rows(kind)))
        }
        // Everything else the form sent goes back as it was, so "save mine" sends exactly what was typed.
        let kept = admin.form.pairs.filter { !["_csrf", "version", "action"].contains($0.0) && !shown.contains($0.0) }
        let view = ConflictView(
            heading: pages.renderer.text("admin_conflict_heading", EditorLanguage.current),
            savedBy: pages.renderer.catalog.text("admin_conflict_saved_by", EditorLanguage.current, [
                "name": latest?.userName ?? "—", "when": latest.map { Self.timestamp($0.at) } ?? "—",
            ]),
            itemHref: "/admin/content/\(type.key)/\(id)", action: "/admin/content/\(type.key)/\(id)",
            version: String(theirs.version ?? 0),
            saveAction: admin.form["action"].isEmpty ? "draft" : admin.form["action"],
            differences: differences, hasDifferences: !differences.isEmpty,
            hidden: kept.map { .init(name: $0.0, value: $0.1) })
        return try await pages.render("admin/content-conflict", title: view.heading, user: admin.user, path: admin.path, page: view,
                                      status: .conflict)
    }

    static func rows(_ kind: EditableField.Kind?) -> Int {
        switch kind {
        case .markdown?: 12
        case .longText?, .lines?, .attachments?: 6
        default: 2
        }
    }

    /// Several choices compare as a set: the order they were ticked in means nothing.
    static func comparable(_ text: String, _ kind: EditableField.Kind?) -> String {
        switch kind {
        case .links?, .languages?: text.split(separator: ",").map(String.init).sorted().joined(separator: ",")
        default: text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static func shown(_ text: String, _ kind: EditableField.Kind?) -> String {
        comparable(text, kind)
    }

    /// Escaped text with `<del>`/`<ins>`, each change announced in words for screen readers and
    /// marked by strike-through and underline rather than colour alone.
    func diffHTML(_ old: String, _ new: String) -> String {
        let deleted = HTMLEscaping.escape(pages.renderer.text("admin_diff_deleted", EditorLanguage.current))
        let inserted = HTMLEscaping.escape(pages.renderer.text("admin_diff_inserted", EditorLanguage.current))
        let ended = HTMLEscaping.escape(pages.renderer.text("admin_diff_end", EditorLanguage.current))
        return WordDiff.diff(old, new).map { piece in
            let text = HTMLEscaping.escape(piece.text)
            switch piece.kind {
            case .same: return Self.shortened(text)
            case .deleted: return "<del><span class=\"visually-hidden\">[\(deleted)] </span>\(text)<span class=\"visually-hidden\"> [\(ended)]</span></del>"
            case .inserted: return "<ins><span class=\"visually-hidden\">[\(inserted)] </span>\(text)<span class=\"visually-hidden\"> [\(ended)]</span></ins>"
            }
        }.joined()
    }

    /// A long unchanged passage keeps its first and last words around an ellipsis.
    static func shortened(_ text: String) -> String {
        let tokens = WordDiff.tokens(text)
        guard tokens.count > 120 else { return text }
        return tokens.prefix(50).joined() + " … " + tokens.suffix(50).joined()
    }
}
