import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// The form's buttons that change the form rather than the item: add, move or remove a row, search
/// the images, show the Markdown rendered. They work without script, save nothing, and keep
/// everything typed.
extension ContentController {
    func formAfterStep(_ type: ContentType, id: Int64?, input: [String: String], _ admin: AdminRequest) async throws -> Response {
        let posted = admin.form
        let existing = try await id.asyncMap { try await editor.load(type, id: $0) } ?? nil
        if id != nil && existing == nil { throw HTTPError(.notFound) }
        var fields = input
        for name in ["publish_at", "publish_at" + ContentType.offsetSuffix, "create_token"] { fields[name] = posted[name] }
        var state = EditorState()
        let step = posted["step"]
        if step == "preview" {
            state.previewing = true
        } else if let (name, rowStep) = RepeatableRows.step(step), let field = type.fields.first(where: { $0.name == name }),
                  let columns = field.rowColumns {
            let rows = RepeatableRows.rows(fromText: fields[name] ?? "")
            fields[name] = RepeatableRows.text(RepeatableRows.apply(rowStep, to: rows, width: columns.count))
            // An added row is empty, and the text keeps no empty line: the form offers it.
            if rowStep == .add { state.extraRows[name] = 1 }
        }
        if step.hasPrefix("search:") {
            let name = String(step.dropFirst("search:".count))
            if type.fields.contains(where: { $0.name == name && $0.kind == .image }) { state.imageSearches[name] = posted[name + "_search"] }
        }
        let item = ContentEditorQueries.Item(id: id, slug: posted.trimmed("slug"), lang: existing?.lang ?? (Language(rawValue: posted["lang"]) ?? .default).rawValue,
                                             status: existing?.status ?? "draft", publishAt: existing?.publishAt, fields: fields,
                                             version: id == nil ? nil : Int64(posted["version"]))
        return try await form(type, admin, item: item, errors: [:], translationOf: existing == nil ? Int64(posted["translation_of"]) : nil,
                              state: state)
    }
}
