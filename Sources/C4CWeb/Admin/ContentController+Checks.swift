import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// The checks shown in the publishing panel. Blocking ones stop publishing; warnings only say.
extension ContentController {
    struct PublishingCheckView: Sendable, Encodable {
        let message: String
        let blocking: Bool
        /// The field to fix, for a link to it.
        let href: String
    }

    /// Images on one page together above this many bytes earn a warning: on a slow, costly
    /// connection they are most of what a visitor pays for.
    static var imageWeightBudget: Int64 { 1_000_000 }

    func checks(_ type: ContentType, _ fields: [String: String]) async throws -> [PublishingCheck] {
        var checks: [PublishingCheck] = []
        let imageFields = type.fields.filter { if case .image = $0.kind { true } else { false } }
        for field in imageFields {
            guard let id = Int64(fields[field.name] ?? "") else { continue }
            checks += try await editor.imageProblems(ids: [id]).map { PublishingCheck($0.rawValue, field: field.name, .blocking) }
        }
        if type.fields.contains(where: { $0.name == "summary" }), (fields["summary"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            checks.append(PublishingCheck("check_summary_empty", field: "summary"))
        }
        var imageFiles = try await editor.mediaFileIDs(imageFields.compactMap { Int64(fields[$0.name] ?? "") })
        for field in type.fields where field.kind == .markdown {
            let text = fields[field.name] ?? ""
            checks += PublishingChecks.markdown(text, field: field.name)
            for path in Set(PublishingChecks.internalLinks(text)).sorted() {
                switch try await editor.linkTarget(path) {
                case .missing: checks.append(PublishingCheck("check_link_missing", field: field.name, detail: path))
                case .unpublished: checks.append(PublishingCheck("check_link_unpublished", field: field.name, detail: path))
                case .published, .notAnItem: break
                }
            }
            imageFiles += PublishingChecks.images(text).compactMap { FilePath.fileID(in: $0) }
        }
        let weight = try await editor.fileBytes(imageFiles)
        if weight > Self.imageWeightBudget {
            checks.append(PublishingCheck("check_image_weight", field: type.fields.first { $0.kind == .markdown }?.name ?? "",
                                          detail: FileLabel.size(weight)))
        }
        return checks
    }

    func publishingChecks(_ type: ContentType, _ item: ContentEditorQueries.Item) async throws -> [PublishingCheckView] {
        try await checks(type, item.fields).map { check in
            PublishingCheckView(message: pages.renderer.catalog.text(check.key, EditorLanguage.current, ["detail": check.detail, "limit": FileLabel.size(Self.imageWeightBudget)]),
                                blocking: check.severity == .blocking,
                                href: check.field.isEmpty ? "#main" : "#f-\(check.field)")
        }
    }
}
