import Foundation

/// Every `.mustache` file under a folder, parsed once, named by its path without the extension
/// (`events/registration-form`), as partials and pages name them.
struct TemplateLibrary: Sendable {
    struct ParseFailure: Error, CustomStringConvertible {
        let file: String
        let failure: TemplateParser.Failure
        var description: String { "Template \(file), \(failure)" }
    }

    let templates: [String: [TemplateNode]]

    init(templates: [String: [TemplateNode]]) { self.templates = templates }

    init(directory: URL) throws {
        var templates: [String: [TemplateNode]] = [:]
        let base = directory.standardizedFileURL.path
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "mustache" } ?? []
        for file in files {
            let path = file.standardizedFileURL.path
            let name = String(path.dropFirst(base.count + 1).dropLast(".mustache".count))
            do {
                templates[name] = try TemplateParser.parse(String(contentsOf: file, encoding: .utf8))
            } catch let failure as TemplateParser.Failure {
                throw ParseFailure(file: name, failure: failure)
            }
        }
        self.templates = templates
    }

    /// The template's text for a value, or nil when there is no such template.
    func render(_ name: String, _ value: TemplateValue, misses: TemplateMisses? = nil) -> String? {
        guard let nodes = templates[name] else { return nil }
        var rendering = TemplateRendering(library: self, root: value, misses: misses)
        rendering.render(nodes, indentation: "", blocks: nil, escapes: true)
        return rendering.output
    }
}
