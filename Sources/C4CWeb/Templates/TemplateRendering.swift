import C4CCore

/// One render of one template: the output it appends to and the context stack, the values whose
/// names are in reach, innermost last. A name is looked for in each frame from the innermost
/// outwards, and a frame holding it as absent sends the search on, as in swift-mustache.
struct TemplateRendering {
    let library: TemplateLibrary
    let misses: TemplateMisses?
    private(set) var output = ""
    private var stack: [TemplateValue]

    init(library: TemplateLibrary, root: TemplateValue, misses: TemplateMisses?) {
        self.library = library
        self.misses = misses
        self.stack = [root]
        output.reserveCapacity(32 * 1024)
    }

    /// - Parameters:
    ///   - indentation: a standalone partial's or block's whitespace, put before each line it
    ///     renders after its first (swift-mustache's rule: before any node's non-empty output that
    ///     follows a newline this call wrote).
    ///   - blocks: the blocks an inheriting template fills, the outermost one's first.
    mutating func render(_ nodes: [TemplateNode], indentation: String, blocks: [String: [TemplateNode]]?, escapes: Bool) {
        var escapes = escapes
        guard !indentation.isEmpty else {
            for node in nodes { render(node, indentation: indentation, blocks: blocks, escapes: &escapes) }
            return
        }
        let start = output.utf8.count
        for node in nodes {
            let mark = output.utf8.count
            let afterNewline = mark > start && output.utf8.last == UInt8(ascii: "\n")
            render(node, indentation: indentation, blocks: blocks, escapes: &escapes)
            if afterNewline, output.utf8.count > mark {
                output.insert(contentsOf: indentation, at: output.utf8.index(output.utf8.startIndex, offsetBy: mark))
            }
        }
    }

    private mutating func render(_ node: TemplateNode, indentation: String, blocks: [String: [TemplateNode]]?, escapes: inout Bool) {
        switch node {
        case .text(let text):
            output += text
        case .variable(let name, let escaped):
            switch lookUp(name) {
            case .text(let text): if escaped && escapes { HTMLEscaping.append(text, to: &output) } else { output += text }
            case .number(let number): output += number
            case .flag(let flag): output += flag ? "true" : "false"
            default: break
            }
        case .section(let name, let children):
            let value = lookUp(name)
            switch value {
            case .list(let items):
                for item in items { within(item) { $0.render(children, indentation: indentation, blocks: blocks, escapes: escapes) } }
            case .flag(let flag):
                if flag { render(children, indentation: indentation, blocks: blocks, escapes: escapes) }
            case .text(let text) where text.isEmpty:
                break
            case .none, .absent:
                break
            case .some(let value):
                within(value) { $0.render(children, indentation: indentation, blocks: blocks, escapes: escapes) }
            }
        case .invertedSection(let name, let children):
            let shows = switch lookUp(name) {
            case .list(let items): items.isEmpty
            case .flag(let flag): !flag
            case .text(let text): text.isEmpty
            case .none, .absent: true
            default: false
            }
            if shows { render(children, indentation: indentation, blocks: blocks, escapes: escapes) }
        case .partial(let name, let indented, let filled):
            guard let nodes = library.templates[name] else { return }
            // The outer template's blocks win over those a layout it includes fills itself.
            let merged = blocks.map { outer in filled.map { outer.merging($0) { kept, _ in kept } } ?? outer } ?? filled
            render(nodes, indentation: indentation + (indented ?? ""), blocks: merged, escapes: true)
        case .block(let name, let defaults, let indented):
            render(blocks?[name] ?? defaults, indentation: indentation + indented, blocks: blocks, escapes: escapes)
        case .blockDefinition:
            break
        case .escaping(let html):
            escapes = html
        }
    }

    private mutating func within(_ value: TemplateValue, _ body: (inout TemplateRendering) -> Void) {
        stack.append(value)
        body(&self)
        stack.removeLast()
    }

    /// The value a name reaches: its first part from the innermost frame that holds it (not as
    /// absent), each further part from the value before it only.
    private func lookUp(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var value: TemplateValue?
        if name.currentOnly {
            value = child(first, of: stack[stack.count - 1], isRoot: stack.count == 1)
        } else {
            for index in stack.indices.reversed() {
                value = child(first, of: stack[index], isRoot: index == 0)
                if value != nil { break }
            }
        }
        for part in name.parts.dropFirst() {
            guard let parent = value else { return nil }
            value = child(part, of: parent, isRoot: false)
        }
        return value
    }

    private func child(_ name: String, of value: TemplateValue, isRoot: Bool) -> TemplateValue? {
        switch value {
        case .object(let fields):
            guard let field = fields[name] else {
                misses?.record(name, atRoot: isRoot)
                return nil
            }
            if case .absent = field { return nil }
            return field
        case .strings(let strings):
            return strings[name].map(TemplateValue.text)
        default:
            return nil
        }
    }
}
