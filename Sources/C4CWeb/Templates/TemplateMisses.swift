/// Strict rendering's record of the names a template asked for that its view model lacks.
///
/// Mustache looks a name up in each frame of the context stack, innermost first, and renders
/// nothing when no frame has it — nor when the frame that declares it holds `nil`, which sends
/// the lookup on outwards. A name reaching the page's own view model, the outermost frame, and
/// missing there, or missing after a dot (`start.date`, asked of one object only), is unknown
/// unless some object of the page declares it: close enough to catch every typo or renamed
/// field without a second template parser.
final class TemplateMisses {
    private(set) var atRoot: Set<String> = []
    private(set) var nested: Set<String> = []
    private(set) var declared: Set<String> = []

    func record(_ name: String, atRoot root: Bool) {
        if root { atRoot.insert(name) } else { nested.insert(name) }
    }

    func declare<Names: Sequence<String>>(_ names: Names) { declared.formUnion(names) }

    /// Names a template used that the page's view model does not have, sorted.
    var unknownNames: [String] {
        atRoot.union(nested).subtracting(declared).sorted()
    }
}

/// A template named a field its view model lacks: a programming error that strict rendering
/// (tests, and the browser-test server) turns into a failure instead of a blank.
struct UnknownTemplateNames: Error, CustomStringConvertible {
    let template: String
    let names: [String]
    var description: String { "Template \(template) names what its view model lacks: \(names.joined(separator: ", "))" }
}

/// A page rendered by `TemplateLibrary` reads differently from the same view model rendered by
/// swift-mustache through reflection: found by the test that renders every page both ways.
struct RenderingDiffers: Error, CustomStringConvertible {
    let template: String
    var description: String { "Template \(template) renders differently from swift-mustache's rendering by reflection" }
}
