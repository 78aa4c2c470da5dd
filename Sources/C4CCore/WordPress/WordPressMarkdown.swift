import Foundation

/// Turns the body of a WordPress post (Gutenberg block comments, shortcodes, inline HTML) into
/// the Markdown this site stores. No HTML passes through: what has a Markdown form gets it, and
/// what has none is kept as text, shown escaped, and named in `unconverted` for an editor.
public struct WordPressMarkdown: Sendable {
    /// An imported file as the body refers to it: its address here and its media number.
    public struct File: Sendable, Equatable {
        public var path: String
        public var mediaID: Int64
        public var isImage: Bool

        public init(path: String, mediaID: Int64, isImage: Bool) {
            self.path = path
            self.mediaID = mediaID
            self.isImage = isImage
        }
    }

    public struct Result: Sendable, Equatable {
        public var markdown: String
        /// What could not be converted, once each, in the order met.
        public var unconverted: [String]
        /// The imported media the body shows or links to.
        public var mediaIDs: Set<Int64>
    }

    let fileAtAddress: @Sendable (String) -> File?
    let fileWithID: @Sendable (Int64) -> File?

    /// `fileAtAddress` finds an imported file by the old site's address of it (an uploads URL,
    /// also a resized copy's); `fileWithID` by its WordPress attachment id.
    public init(fileAtAddress: @escaping @Sendable (String) -> File?, fileWithID: @escaping @Sendable (Int64) -> File?) {
        self.fileAtAddress = fileAtAddress
        self.fileWithID = fileWithID
    }

    public func convert(_ body: String) -> Result {
        var writer = MarkdownWriter(converter: self)
        writer.walk(HTMLTokenizer.tokens(expandingShortcodes(body, writer: &writer)))
        return Result(markdown: writer.finish(), unconverted: writer.unconverted, mediaIDs: writer.mediaIDs)
    }

    // MARK: Shortcodes

    static let shortcode = try! NSRegularExpression(
        pattern: #"\[([A-Za-z][A-Za-z0-9_-]*)((?:\s[^\]]*)?)\](?:(.*?)\[/\1\])?"#, options: [.dotMatchesLineSeparators])
    static let known: Set<String> = ["caption", "wp_caption", "gallery", "embed"]

    /// `[caption]` becomes a figure, `[gallery ids]` its images, `[embed]` a link; any other
    /// shortcode stays as the text it is, and is listed.
    func expandingShortcodes(_ body: String, writer: inout MarkdownWriter) -> String {
        let ns = body as NSString
        var result = ""
        var last = 0
        for match in Self.shortcode.matches(in: body, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: match.range(at: 1)).lowercased()
            let attributes = match.range(at: 2).location == NSNotFound ? "" : ns.substring(with: match.range(at: 2))
            let inner = match.range(at: 3).location == NSNotFound ? nil : ns.substring(with: match.range(at: 3))
            guard Self.known.contains(name) else {
                writer.note("[\(name)] shortcode")
                continue
            }
            result += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            last = match.range.location + match.range.length
            switch name {
            case "caption", "wp_caption":
                let content = inner ?? ""
                // The image (perhaps inside a link) comes first; the caption is the text after it.
                let split = content.range(of: ">", options: .backwards)?.upperBound ?? content.startIndex
                let caption = content[split...].trimmingCharacters(in: .whitespacesAndNewlines)
                result += "<figure>\(content[..<split])" + (caption.isEmpty ? "" : "<figcaption>\(caption)</figcaption>") + "</figure>"
            case "gallery":
                let ids = Self.attribute("ids", in: attributes)?.split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) } ?? []
                if ids.isEmpty { writer.note("[gallery] without ids") }
                result += "<p>" + ids.map { "<img src=\"wp-attachment:\($0)\" alt=\"\">" }.joined(separator: " ") + "</p>"
            default:
                let address = (inner ?? Self.attribute("url", in: attributes) ?? attributes).trimmingCharacters(in: .whitespacesAndNewlines)
                result += "<p><a href=\"\(address)\">\(address)</a></p>"
            }
        }
        result += ns.substring(from: last)
        return result
    }

    static func attribute(_ name: String, in text: String) -> String? {
        guard let match = text.firstMatch(of: try! Regex(#"\b\#(name)\s*=\s*["']?([^"'\s\]]*)"#)) else { return nil }
        return match.output[1].substring.map(String.init)
    }
}

/// Writes Markdown block by block while walking the tokens.
struct MarkdownWriter {
    let converter: WordPressMarkdown
    var blocks: [(text: String, listItem: Bool)] = []
    var line = ""
    var unconverted: [String] = []
    var mediaIDs: Set<Int64> = []
    var quoteDepth = 0
    var lists: [(ordered: Bool, count: Int)] = []
    var pendingItemMarker: String?
    var heading: Int?
    var styles: [(marker: String, start: String.Index)] = []
    var links: [(href: String, start: String.Index)] = []
    var inCode = false
    var preformatted: String?
    /// An element with no Markdown form, collected as source until it closes.
    var raw: (name: String, depth: Int, source: String)?
    var skipping: (name: String, depth: Int)?

    init(converter: WordPressMarkdown) { self.converter = converter }

    mutating func note(_ what: String) {
        if !unconverted.contains(what) { unconverted.append(what) }
    }

    static let transparent: Set<String> = [
        "span", "font", "u", "sup", "sub", "small", "mark", "abbr", "cite", "ins", "del", "s", "strike", "big", "time",
        "picture", "source", "tbody", "thead", "center", "label", "dfn", "q", "var", "kbd", "samp", "wbr",
    ]
    static let blocks: Set<String> = [
        "p", "div", "figure", "section", "article", "header", "footer", "main", "aside", "nav", "address", "dl", "dt", "dd",
    ]
    static let dropped: Set<String> = ["script", "style", "noscript", "template", "head", "title"]
    static let kept: Set<String> = [
        "table", "video", "audio", "object", "embed", "form", "svg", "canvas", "select", "button", "input", "textarea", "math",
    ]
    static let void: Set<String> = ["br", "img", "hr", "input", "embed", "source", "wbr", "meta", "link", "col", "area", "param", "track"]

    mutating func walk(_ tokens: [HTMLToken]) {
        for token in tokens { take(token) }
    }

    mutating func take(_ token: HTMLToken) {
        if var kept = raw {
            kept.source += token.source
            if case .open(let name, _, let selfClosing, _) = token, name == kept.name, !selfClosing { kept.depth += 1 }
            if case .close(let name, _) = token, name == kept.name { kept.depth -= 1 }
            if kept.depth == 0 {
                raw = nil
                closeBlock()
                emit(fence(kept.source))
            } else {
                raw = kept
            }
            return
        }
        if var skip = skipping {
            if case .open(let name, _, let selfClosing, _) = token, name == skip.name, !selfClosing { skip.depth += 1 }
            if case .close(let name, _) = token, name == skip.name { skip.depth -= 1 }
            skipping = skip.depth == 0 ? nil : skip
            return
        }
        if var pre = preformatted {
            if case .close("pre", _) = token {
                preformatted = nil
                closeBlock()
                emit(fence(HTMLEntities.decode(pre)))
            } else if case .text(let text) = token {
                pre += text
                preformatted = pre
            } else if case .open("br", _, _, _) = token {
                pre += "\n"
                preformatted = pre
            }
            return
        }
        switch token {
        case .comment:
            // Gutenberg's block delimiters (`<!-- wp:paragraph -->`) and `<!--more-->` carry no text.
            break
        case .text(let text):
            appendText(text)
        case .open(let name, let attributes, let selfClosing, let source):
            open(name, attributes, selfClosing: selfClosing, source: source)
        case .close(let name, _):
            close(name)
        }
    }

    mutating func open(_ name: String, _ attributes: [String: String], selfClosing: Bool, source: String) {
        if Self.dropped.contains(name) {
            note("<\(name)> removed")
            if !selfClosing { skipping = (name, 1) }
            return
        }
        if Self.kept.contains(name) {
            note("<\(name)>")
            if selfClosing || Self.void.contains(name) { closeBlock(); emit(fence(source)) } else { raw = (name, 1, source) }
            return
        }
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            closeBlock()
            heading = Int(String(name.last!))
        case "ul", "ol":
            closeBlock()
            lists.append((name == "ol", 0))
        case "li":
            closeBlock()
            if !lists.isEmpty {
                lists[lists.count - 1].count += 1
                let list = lists[lists.count - 1]
                pendingItemMarker = String(repeating: "   ", count: lists.count - 1) + (list.ordered ? "\(list.count). " : "- ")
            }
        case "blockquote":
            closeBlock()
            quoteDepth += 1
        case "pre":
            closeBlock()
            preformatted = ""
        case "code", "tt":
            line += "`"
            inCode = true
        case "strong", "b":
            styles.append(("**", line.endIndex))
        case "em", "i":
            styles.append(("*", line.endIndex))
        case "a":
            links.append((attributes["href"] ?? "", line.endIndex))
        case "br":
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { line += "  \n" }
        case "hr":
            closeBlock()
            emit("---")
        case "img":
            image(attributes)
        case "iframe":
            // An embedded player becomes a link to what it plays: no third-party request on the page.
            if let src = attributes["src"], SafeURL.isAllowed(src), src.lowercased().hasPrefix("http") {
                closeBlock()
                emit("[\(escape(attributes["title"].flatMap { $0.isEmpty ? nil : $0 } ?? src))](\(destination(src)))")
            } else {
                note("<iframe>")
            }
            if !selfClosing { skipping = ("iframe", 1) }
        case "figcaption":
            closeBlock()
            styles.append(("*", line.endIndex))
        case "tr", "caption":
            closeBlock()
        case "td", "th":
            line += " "
        default:
            if Self.blocks.contains(name) { closeBlock() } else if !Self.transparent.contains(name) { note("<\(name)>") }
        }
    }

    mutating func close(_ name: String) {
        switch name {
        case "h1", "h2", "h3", "h4", "h5", "h6":
            closeBlock()
        case "ul", "ol":
            closeBlock()
            if !lists.isEmpty { lists.removeLast() }
        case "li":
            closeBlock()
        case "blockquote":
            closeBlock()
            quoteDepth = max(0, quoteDepth - 1)
        case "code", "tt":
            if inCode {
                line += "`"
                inCode = false
            }
        case "strong", "b", "em", "i", "figcaption":
            closeStyle()
            if name == "figcaption" { closeBlock() }
        case "a":
            closeLink()
        default:
            if Self.blocks.contains(name) { closeBlock() }
        }
    }

    mutating func closeStyle() {
        guard let (marker, start) = styles.popLast(), start <= line.endIndex else { return }
        let inner = String(line[start...])
        let trimmed = inner.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        let leading = inner.prefix { $0.isWhitespace }
        let trailing = String(inner.reversed().prefix { $0.isWhitespace })
        line = String(line[..<start]) + leading + marker + trimmed + marker + trailing
    }

    mutating func closeLink() {
        guard let (href, start) = links.popLast(), start <= line.endIndex else { return }
        let inner = String(line[start...]).trimmingCharacters(in: .whitespacesAndNewlines)
        // A linked image keeps its image; the link around it is the image's own file, or a page.
        if inner.isEmpty || inner.hasPrefix("![") { return }
        var target = href
        if let file = converter.fileAtAddress(href) {
            target = file.path
            mediaIDs.insert(file.mediaID)
        }
        guard !target.isEmpty, SafeURL.isAllowed(target), !target.hasPrefix("#") || target.count > 1 else {
            if !href.isEmpty { note("link to \(href)") }
            return
        }
        line = String(line[..<start]) + "[\(inner)](\(destination(target)))"
    }

    mutating func image(_ attributes: [String: String]) {
        let src = attributes["src"] ?? ""
        let alt = escape(collapse(attributes["alt"] ?? ""))
        var file: WordPressMarkdown.File?
        if src.hasPrefix("wp-attachment:"), let id = Int64(src.dropFirst("wp-attachment:".count)) {
            file = converter.fileWithID(id)
            if file == nil { note("gallery image \(id) not in the export") }
        } else {
            file = converter.fileAtAddress(src)
            if file == nil { note("image not in the export: \(src)") }
        }
        if let file, file.isImage {
            mediaIDs.insert(file.mediaID)
            line += "![\(alt)](\(file.path))"
        } else if SafeURL.isAllowed(src), src.lowercased().hasPrefix("http") {
            line += "[\(alt.isEmpty ? escape(src) : alt)](\(destination(src)))"
        }
    }

    mutating func appendText(_ raw: String) {
        let text = HTMLEntities.decode(raw)
        if inCode {
            line += text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
            return
        }
        // The classic editor's paragraphs are blank lines in the source (wpautop adds the <p> later).
        let paragraphs = text.components(separatedBy: "\n\n")
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 && links.isEmpty && styles.isEmpty { closeBlock() }
            let collapsed = collapse(paragraph)
            if line.isEmpty || line.hasSuffix("\n") {
                line += escape(String(collapsed.drop { $0 == " " }), atLineStart: true)
            } else {
                line += escape(collapsed)
            }
        }
    }

    func collapse(_ text: String) -> String {
        var result = ""
        var space = false
        for character in text {
            if character.isWhitespace && character != "\u{00A0}" {
                space = true
            } else {
                if space { result += " " }
                space = false
                result.append(character)
            }
        }
        if space { result += " " }
        return result
    }

    /// Text as Markdown shows it and nothing more: characters that would start formatting, a link
    /// or a tag become character references, which the page shows as the characters they stand for.
    func escape(_ text: String, atLineStart: Bool = false) -> String {
        var result = ""
        for (index, character) in text.enumerated() {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "*": result += "&#42;"
            case "_": result += "&#95;"
            case "[": result += "&#91;"
            case "]": result += "&#93;"
            case "`": result += "&#96;"
            case "\\": result += "&#92;"
            case "~": result += "&#126;"
            case "#" where atLineStart && index == 0: result += "&#35;"
            case "-" where atLineStart && index == 0: result += "&#45;"
            case "+" where atLineStart && index == 0: result += "&#43;"
            case "|" where atLineStart && index == 0: result += "&#124;"
            case "\u{00A0}": result += " "
            default: result.append(character)
            }
        }
        if atLineStart, let dot = result.firstIndex(of: "."), dot > result.startIndex,
           result[..<dot].allSatisfy(\.isNumber), result[..<dot].count < 10 {
            // "2026. A year" would start a numbered list.
            result = result[..<dot] + "&#46;" + result[result.index(after: dot)...]
        }
        return result
    }

    /// A link target Markdown reads whole: spaces and parentheses encoded.
    func destination(_ url: String) -> String {
        url.trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
    }

    func fence(_ source: String) -> String {
        var ticks = "```"
        while source.contains(ticks) { ticks += "`" }
        return ticks + "\n" + source.trimmingCharacters(in: .newlines) + "\n" + ticks
    }

    /// Ends the block being written: a heading, list item or paragraph, in the quotes it is in.
    mutating func closeBlock() {
        while !styles.isEmpty { closeStyle() }
        while !links.isEmpty { closeLink() }
        if inCode { line += "`"; inCode = false }
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
        line = ""
        guard !text.isEmpty else { return }
        if let level = heading {
            heading = nil
            emit(String(repeating: "#", count: level) + " " + text.replacingOccurrences(of: "  \n", with: " "))
        } else if let marker = pendingItemMarker {
            pendingItemMarker = nil
            let indent = String(repeating: " ", count: marker.count)
            blocks.append((quote(marker + text.replacingOccurrences(of: "\n", with: "\n" + indent)), true))
        } else {
            emit(text)
        }
    }

    mutating func emit(_ block: String) {
        blocks.append((quote(block), false))
    }

    func quote(_ block: String) -> String {
        guard quoteDepth > 0 else { return block }
        let prefix = String(repeating: "> ", count: quoteDepth)
        return block.split(separator: "\n", omittingEmptySubsequences: false).map { prefix + $0 }.joined(separator: "\n")
    }

    mutating func finish() -> String {
        if let kept = raw {
            raw = nil
            closeBlock()
            emit(fence(kept.source))
        }
        if let pre = preformatted {
            preformatted = nil
            emit(fence(HTMLEntities.decode(pre)))
        }
        closeBlock()
        var markdown = ""
        var previousWasItem = false
        for block in blocks {
            if !markdown.isEmpty { markdown += previousWasItem && block.listItem ? "\n" : "\n\n" }
            markdown += block.text
            previousWasItem = block.listItem
        }
        return markdown
    }
}
