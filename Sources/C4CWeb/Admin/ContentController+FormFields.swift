import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// One field of the content form as the template shows it: an input, a select, a chooser of
/// images by their thumbnails, repeatable rows, or Markdown with its help and preview.
extension ContentController {
    struct FieldView: Sendable, Encodable {
        struct Row: Sendable, Encodable {
            struct Cell: Sendable, Encodable {
                let name: String
                let id: String
                let label: String
                let value: String
                let isSelect: Bool
                let options: [ChoiceOption]
            }
            let label: String
            let cells: [Cell]
            let up: String?
            let down: String?
            let remove: String
        }
        struct ImageChoice: Sendable, Encodable {
            let value: String
            let id: String
            let thumbnail: String?
            /// A photo whose small copies are still being made.
            let isPending: Bool
            let title: String
            let altText: String
            let credit: String
            let safeguarding: String
            let problems: String
            let checked: Bool
        }
        var name: String
        var label: String
        var hint = ""
        var inputType = "text"
        var inputMode: String?
        var isTextarea = false
        var isSelect = false
        var isCheckbox = false
        var isCheckboxList = false
        var isRows = false
        var isImageChooser = false
        var isMarkdown = false
        /// A long list (organisations, people) that script lets the editor narrow by typing.
        var filterable = false
        var value = ""
        var checked = false
        var required = false
        var options: [ChoiceOption] = []
        var error: String?
        var rows = 4
        /// The zone a date and time is read in, named beside it when it is the site's.
        var zoneNote: String?
        /// Which reading of a time the clocks show twice: `<field>_offset`.
        var offsetQuestion = ""
        var offsetOptions: [ChoiceOption] = []
        var hasOffsetChoice = false
        /// The ids of the hint and zone note, for `aria-describedby`.
        var describedBy = ""
        var rowItems: [Row] = []
        var addStep = ""
        /// The image chosen now, beside "No image", outside the collapsible list of the others.
        var chosenImages: [ImageChoice] = []
        var images: [ImageChoice] = []
        /// The list of images is open after a search, so its results show.
        var pickerOpen = false
        var noImageChecked = false
        var imageSearch = ""
        /// The rendered Markdown, shown when the editor asks for the preview.
        var previewHTML: String?
    }

    func fieldView(_ type: ContentType, _ field: EditableField, item: ContentEditorQueries.Item, errors: [String: String],
                   siteZone: TimeZone, times: LocalTimeText, state: EditorState) async throws -> FieldView {
        let t = { (key: String) in pages.renderer.text(key, EditorLanguage.current) }
        let value = item.fields[field.name] ?? ""
        var view = FieldView(name: field.name, label: t("field_\(field.name)"))
        view.value = value
        view.required = field.required
        view.error = errors[field.name]
        let chosen = Set(value.split(separator: ",").map(String.init))
        switch field.kind {
        case .text: view.inputType = "text"
        case .longText: view.isTextarea = true
        case .markdown:
            view.isTextarea = true
            view.isMarkdown = true
            view.rows = 12
            if state.previewing { view.previewHTML = Markdown.html(value) }
        case .url:
            // Site addresses (`/resources`) are allowed, which `type="url"` would call invalid.
            view.inputMode = "url"
        case .email: view.inputType = "email"
        case .integer: view.inputType = "number"
        case .date: view.inputType = "date"
        case .instant, .siteInstant:
            view.inputType = "datetime-local"
            let zone = type.zone(of: field, in: item.fields, siteZone: siteZone)
            view.offsetOptions = times.offsetOptions(value, zone: zone, chosen: item.fields[field.name + ContentType.offsetSuffix])
            if case .siteInstant = field.kind { view.zoneNote = times.siteZoneNote(zone) }
        case .timeZone:
            view.isSelect = true
            view.options = ContentTypes.zones.map { ChoiceOption(value: $0, label: $0, selected: $0 == value) }
        case .choice(let values):
            view.isSelect = true
            view.options = values.map {
                ChoiceOption(value: $0, label: $0.isEmpty ? "—" : pages.renderer.catalog.text("choice_\($0)", EditorLanguage.current), selected: $0 == value)
            }
        case .flag: view.isCheckbox = true
        case .image:
            view.isImageChooser = true
            view.imageSearch = state.imageSearches[field.name] ?? ""
            view.noImageChecked = value.isEmpty
            let choices = try await editor.imageChoices(search: view.imageSearch, chosen: Int64(value))
            let all = choices.map { imageChoice($0, field: field.name, chosen: value) }
            view.chosenImages = all.filter(\.checked)
            view.images = all.filter { !$0.checked }
            view.pickerOpen = state.imageSearches[field.name] != nil
            if !value.isEmpty && view.chosenImages.isEmpty {
                // A chosen id the library does not hold stays chosen, so the editor sees what was sent.
                view.chosenImages = [.init(value: value, id: "f-\(field.name)-missing", thumbnail: nil, isPending: false,
                                           title: pages.renderer.catalog.text("admin_missing_choice", EditorLanguage.current, ["number": value]),
                                           altText: "", credit: "", safeguarding: "", problems: "", checked: true)]
            }
        case .document:
            view.isSelect = true
            view.options = [ChoiceOption(value: "", label: "—", selected: value.isEmpty)] + (try await documentOptions(chosen: value))
            view.options += missingChoices(view.options, chosen: value.isEmpty ? [] : [value])
        case .reference(let table, _):
            view.isSelect = true
            view.filterable = ["organisations", "people"].contains(table)
            view.options = [ChoiceOption(value: "", label: "—", selected: value.isEmpty)]
                + (try await editor.options(for: field, current: value)).map { ChoiceOption(value: String($0.id), label: $0.label, selected: String($0.id) == value) }
            view.options += missingChoices(view.options, chosen: value.isEmpty ? [] : [value])
        case .lines, .attachments:
            view.isRows = true
            view.rowItems = try await rowViews(field, rows: RepeatableRows.rows(fromText: value), extra: state.extraRows[field.name] ?? 0)
            view.addStep = "\(field.name):add"
        case .links(_, _, _, let source, _):
            view.isCheckboxList = true
            view.filterable = source == "organisations"
            view.options = (try await editor.options(for: field)).map { ChoiceOption(value: String($0.id), label: $0.label, selected: chosen.contains(String($0.id))) }
            view.options += missingChoices(view.options, chosen: chosen)
        case .languages:
            view.isCheckboxList = true
            view.options = Language.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.nativeName, selected: chosen.contains($0.rawValue)) }
        }
        let table = pages.renderer.catalog.table(for: EditorLanguage.current)
        view.hint = table["hint_\(type.key)_\(field.name)"] ?? table["hint_\(field.name)"] ?? ""
        view.checked = value == "on"
        view.offsetQuestion = times.offsetQuestion(value)
        view.hasOffsetChoice = !view.offsetOptions.isEmpty
        view.describedBy = [view.hint.isEmpty ? nil : "hint-\(field.name)", view.zoneNote == nil ? nil : "zone-\(field.name)"]
            .compactMap { $0 }.joined(separator: " ")
        return view
    }

    func imageChoice(_ choice: ContentEditorQueries.ImageChoice, field: String, chosen: String) -> FieldView.ImageChoice {
        let t = { (key: String) in pages.renderer.text(key, EditorLanguage.current) }
        let image = choice.image
        let safeguarding = !image.showsIdentifiableChildren ? t("admin_image_no_children")
            : image.consentOnFile ? t("admin_image_consent_on_file") : t("admin_image_consent_missing")
        return .init(value: String(choice.mediaID), id: "f-\(field)-\(choice.mediaID)", thumbnail: image.thumbnailSource.map { "/admin" + $0 }, isPending: image.thumbnailSource == nil,
                     title: choice.title.isEmpty ? image.fileName : choice.title, altText: image.altText, credit: image.credit,
                     safeguarding: safeguarding,
                     problems: image.publicationProblems.map { t($0.rawValue) }.joined(separator: " "),
                     checked: String(choice.mediaID) == chosen)
    }

    func documentOptions(chosen: String) async throws -> [ChoiceOption] {
        try await editor.documentChoices().map {
            ChoiceOption(value: String($0.id), label: "\($0.name) (\($0.description))", selected: String($0.id) == chosen)
        }
    }

    /// The rows typed so far, then one empty row to fill (two for a field with none yet): without
    /// script, saving offers another.
    func rowViews(_ field: EditableField, rows stored: [[String]], extra: Int) async throws -> [FieldView.Row] {
        guard let columns = field.rowColumns else { return [] }
        let t = { (key: String) in pages.renderer.text(key, EditorLanguage.current) }
        let documents = columns.contains("file") ? try await documentOptions(chosen: "") : []
        let rows = stored + Array(repeating: Array(repeating: "", count: columns.count), count: (stored.isEmpty ? 2 : 1) + extra)
        return rows.enumerated().map { index, row in
            let number = String(index + 1)
            let cells = columns.enumerated().map { position, column -> FieldView.Row.Cell in
                let value = position < row.count ? row[position] : ""
                let name = RepeatableRows.inputName(field.name, index, column)
                let label = pages.renderer.catalog.text("field_\(field.name)_\(column)", EditorLanguage.current, ["number": number])
                switch column {
                case "file":
                    let id = ContentType.fileNumber(value).map(String.init) ?? value
                    var options = [ChoiceOption(value: "", label: "—", selected: id.isEmpty)]
                        + documents.map { ChoiceOption(value: $0.value, label: $0.label, selected: $0.value == id) }
                    options += missingChoices(options, chosen: id.isEmpty ? [] : [id])
                    return .init(name: name, id: "f-\(field.name)-\(index)-\(column)", label: label, value: id, isSelect: true, options: options)
                case "language":
                    let options = [ChoiceOption(value: "", label: "—", selected: value.isEmpty)]
                        + Language.allCases.map { ChoiceOption(value: $0.rawValue, label: $0.nativeName, selected: $0.rawValue == value) }
                    return .init(name: name, id: "f-\(field.name)-\(index)-\(column)", label: label, value: value, isSelect: true, options: options)
                default:
                    return .init(name: name, id: "f-\(field.name)-\(index)-\(column)", label: label, value: value, isSelect: false, options: [])
                }
            }
            let filled = index < stored.count
            return .init(label: pages.renderer.catalog.text("admin_row_label", EditorLanguage.current, ["field": t("field_\(field.name)"), "number": number]),
                         cells: cells,
                         up: filled && index > 0 ? "\(field.name):\(index):up" : nil,
                         down: filled && index + 1 < stored.count ? "\(field.name):\(index):down" : nil,
                         remove: "\(field.name):\(index):remove")
        }
    }
}
