/// Reads Mustache text into `TemplateNode`s, with the whitespace rules of swift-mustache, which
/// rendered these templates before: a section, comment, partial or block tag alone on its line
/// takes the line with it, and a standalone partial indents its further lines. Set delimiters,
/// dynamic partials, lambdas and transforms are not used by our templates and are refused.
struct TemplateParser {
    struct Failure: Error, CustomStringConvertible {
        let reason: String
        let line: Int
        var description: String { "line \(line): \(reason)" }
    }

    private struct State {
        var sectionName: String?
        var newLine = true
        /// Inside `{{<parent}}…{{/parent}}`: only block definitions and text.
        var inParent = false
        var parentTopLevel = false
        var parentIndent: String?

        func inSection(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func inParent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.inParent = true
            state.parentTopLevel = true
            return state
        }
    }

    private let characters: [Character]
    private var position = 0

    static func parse(_ text: String) throws -> [TemplateNode] {
        var parser = TemplateParser(characters: Array(text))
        return try parser.parse(State())
    }

    private init(characters: [Character]) { self.characters = characters }

    private var atEnd: Bool { position == characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    private mutating func parse(_ initial: State) throws -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whitespaceBefore = ""
        while !atEnd {
            if state.newLine {
                let whitespace = read { $0 == " " || $0 == "\t" }
                if state.inParent, !state.parentTopLevel {
                    if let indent = state.parentIndent {
                        whitespaceBefore = String(whitespace.dropFirst(indent.count))
                    } else {
                        state.parentIndent = whitespace
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let text = readTextToTagOrNewline()
            if !atEnd, current.isNewline {
                nodes.append(.text(whitespaceBefore + text + String(current)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = ""
                state.newLine = false
            }
            if atEnd { break }

            /// Text for the whitespace before a tag that is not alone on its line.
            func flushWhitespace() {
                if !whitespaceBefore.isEmpty {
                    nodes.append(.text(whitespaceBefore))
                    whitespaceBefore = ""
                }
            }
            var standalone = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try readName()
                standalone = isStandalone(state)
                if !standalone { flushWhitespace() }
                let children = try parse(state.inSection(name, newLine: standalone))
                nodes.append(inverted ? .invertedSection(TemplateName(name), children) : .section(TemplateName(name), children))
            case "/":
                position += 1
                let name = try readName()
                guard name == state.sectionName else { throw failure("{{/\(name)}} closes \(state.sectionName ?? "nothing")") }
                if !isStandalone(state) { flushWhitespace() }
                return nodes
            case "!":
                position += 1
                try skipComment()
                standalone = isStandalone(state)
            case "{":
                flushWhitespace()
                position += 1
                let name = try readName()
                guard current == "}" else { throw failure("{{{\(name)}} lacks its third brace") }
                position += 1
                nodes.append(.variable(TemplateName(name), escaped: false))
            case "&":
                flushWhitespace()
                position += 1
                nodes.append(.variable(TemplateName(try readName()), escaped: false))
            case ">":
                position += 1
                let name = try readPartialName()
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                standalone = isStandalone(state)
                nodes.append(.partial(name, indentation: standalone ? whitespaceBefore : nil, blocks: nil))
                whitespaceBefore = ""
            case "<":
                position += 1
                let name = try readPartialName()
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                standalone = isStandalone(state)
                var blocks: [String: [TemplateNode]] = [:]
                for node in try parse(state.inParent(name)) {
                    switch node {
                    case .blockDefinition(let block, let children): blocks[block] = children
                    case .text: break
                    default: throw failure("{{<\(name)}} holds something other than blocks")
                    }
                }
                nodes.append(.partial(name, indentation: whitespaceBefore, blocks: blocks))
                whitespaceBefore = ""
            case "$":
                position += 1
                let name = try readName()
                if state.parentTopLevel {
                    standalone = isStandalone(state)
                    nodes.append(.blockDefinition(name, try parse(state.inSection(name, newLine: standalone))))
                } else {
                    if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                    standalone = isStandalone(state)
                    let children = try parse(state.inSection(name, newLine: standalone))
                    nodes.append(.block(name, default: children, indentation: whitespaceBefore))
                    whitespaceBefore = ""
                }
            case "%":
                position += 1
                nodes.append(try readContentType())
                standalone = isStandalone(state)
            case "=":
                throw failure("set delimiters are not supported")
            default:
                flushWhitespace()
                nodes.append(.variable(TemplateName(try readName()), escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.sectionName { throw failure("{{#\(open)}} is never closed") }
        return nodes
    }

    /// Text up to a newline (not taken) or a `{{` (taken), or to the end.
    private mutating func readTextToTagOrNewline() -> String {
        var text = ""
        while !atEnd {
            let character = characters[position]
            if character == "\n" || character == "\r\n" { break }
            if character == "{" {
                if position + 1 < characters.count, characters[position + 1] == "{" {
                    position += 2
                    break
                }
            }
            text.append(character)
            position += 1
        }
        return text
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?")
    private static let partialNameCharacters = nameCharacters.union("/")

    private mutating func readName() throws -> String {
        read { $0.isWhitespace }
        let name = read { Self.nameCharacters.contains($0) }
        read { $0.isWhitespace }
        guard readCloser() else {
            throw failure(current == "(" || current == "*" ? "transforms are not supported" : "a tag is not closed after \(name)")
        }
        return name
    }

    private mutating func readPartialName() throws -> String {
        read { $0.isWhitespace }
        guard current != "*" else { throw failure("dynamic partials are not supported") }
        let name = read { Self.partialNameCharacters.contains($0) }
        read { $0.isWhitespace }
        guard readCloser() else { throw failure("a partial's tag is not closed after \(name)") }
        return name
    }

    private mutating func readContentType() throws -> TemplateNode {
        read { $0.isWhitespace }
        let variable = read { Self.nameCharacters.contains($0) }
        read { $0.isWhitespace }
        guard variable == "CONTENT_TYPE", current == ":" else { throw failure("only CONTENT_TYPE can be set") }
        position += 1
        read { $0.isWhitespace }
        let value = read { Self.nameCharacters.contains($0) }
        read { $0.isWhitespace }
        guard readCloser(), value == "HTML" || value == "TEXT" else { throw failure("CONTENT_TYPE is HTML or TEXT") }
        return .escaping(value == "HTML")
    }

    private mutating func skipComment() throws {
        while !atEnd {
            if readCloser() { return }
            position += 1
        }
        throw failure("a comment is not closed")
    }

    private mutating func readCloser() -> Bool {
        guard position + 1 < characters.count, characters[position] == "}", characters[position + 1] == "}" else { return false }
        position += 2
        return true
    }

    /// The tag just read is alone on its line: only spaces or tabs follow it to the line's end,
    /// which is taken with it.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var ahead = position
        while ahead < characters.count, characters[ahead] == " " || characters[ahead] == "\t" { ahead += 1 }
        guard ahead < characters.count, characters[ahead].isNewline else { return false }
        position = ahead + 1
        return true
    }

    @discardableResult
    private mutating func read(while accepts: (Character) -> Bool) -> String {
        let start = position
        while !atEnd, accepts(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }

    private func failure(_ reason: String) -> Failure {
        Failure(reason: reason, line: characters[..<min(position, characters.count)].filter(\.isNewline).count + 1)
    }
}
