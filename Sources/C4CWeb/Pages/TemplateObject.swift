import Mustache

/// A view model as templates read it: its stored properties by name, looked up in a dictionary.
/// swift-mustache reads any other value through `Mirror`, filtering every child for every
/// `{{name}}` in every frame of the context stack — 47% of the home page's CPU when view models
/// were structs. `TemplateEncoder` builds these from `Encodable` view models, once per render.
struct TemplateObject: MustacheParent {
    /// A property the view model declares but holds no value for (`nil`): the name is known, and
    /// a template reads it as absent, exactly as it would an empty optional.
    static let absent = Absent()
    struct Absent {}

    let fields: [String: Any]
    /// Set in strict mode only: records every name this object was asked for and lacked.
    let misses: TemplateMisses?
    let isRoot: Bool

    func child(named name: String) -> Any? {
        guard let value = fields[name] else {
            misses?.record(name, atRoot: isRoot)
            return nil
        }
        return value is Absent ? nil : value
    }
}

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

/// A page rendered through dictionaries reads differently from the same page rendered through
/// reflection: found by the test that renders every page both ways.
struct RenderingDiffers: Error, CustomStringConvertible {
    let template: String
    var description: String { "Template \(template) renders differently through dictionaries than through reflection" }
}
