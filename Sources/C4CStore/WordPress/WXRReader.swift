import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One thing a WordPress export (WXR 1.1 or 1.2) holds, in the order it comes.
public enum WXREvent: Sendable {
    case site(baseURL: String, language: String)
    case author(login: String, displayName: String)
    case term(WXRTerm)
    case item(WXRItem)
}

public struct WXRTerm: Sendable {
    /// `category` or `post_tag`; other taxonomies are read but not imported.
    public var taxonomy: String
    public var id: Int64
    public var slug: String
    public var name: String
    public var parentSlug: String
}

public struct WXRItem: Sendable {
    public var title = ""
    public var link = ""
    public var guid = ""
    public var creator = ""
    public var content = ""
    public var excerpt = ""
    public var id: Int64 = 0
    public var dateGMT = ""
    public var date = ""
    public var slug = ""
    public var status = ""
    public var parentID: Int64 = 0
    public var type = ""
    public var attachmentURL = ""
    /// (domain, slug): `category` and `post_tag` terms the item is filed under.
    public var terms: [(domain: String, slug: String)] = []
    public var meta: [String: String] = [:]
}

/// Reads a WXR file as a stream of events. The file is parsed on a thread of its own, a few
/// events ahead of the reader, so memory holds one item at a time whatever the file's size.
public enum WXRReader {
    public static func events(of file: URL) -> WXREvents {
        let (stream, continuation) = AsyncThrowingStream<WXREvent, any Error>.makeStream()
        let gate = Gate(ahead: 16)
        continuation.onTermination = { _ in gate.stop() }
        let thread = Thread {
            guard let input = InputStream(url: file) else {
                continuation.finish(throwing: WXRError.unreadable(file.path))
                return
            }
            let parser = XMLParser(stream: input)
            parser.shouldProcessNamespaces = true
            let delegate = WXRParserDelegate { event in
                guard gate.enter() else { return false }
                continuation.yield(event)
                return true
            }
            parser.delegate = delegate
            let finished = parser.parse()
            if delegate.stopped {
                continuation.finish()
            } else if !finished {
                continuation.finish(throwing: WXRError.malformed(line: parser.lineNumber,
                                                                 reason: parser.parserError.map { "\($0)" } ?? "unknown"))
            } else if !delegate.sawChannel {
                continuation.finish(throwing: WXRError.notAnExport)
            } else {
                continuation.finish()
            }
        }
        thread.stackSize = 4 << 20
        thread.start()
        return WXREvents(stream: stream, gate: gate)
    }
}

/// The events of one export; `stop()` ends the parsing early.
public struct WXREvents: AsyncSequence, Sendable {
    let stream: AsyncThrowingStream<WXREvent, any Error>
    let gate: Gate

    public func stop() { gate.stop() }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator(), gate: gate) }

    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<WXREvent, any Error>.AsyncIterator
        let gate: Gate

        public mutating func next() async throws -> WXREvent? {
            let event = try await base.next()
            gate.leave()
            return event
        }
    }
}

public enum WXRError: Error, CustomStringConvertible {
    case unreadable(String)
    case malformed(line: Int, reason: String)
    case notAnExport

    public var description: String {
        switch self {
        case .unreadable(let path): "Cannot read \(path)"
        case .malformed(let line, let reason): "The export is not well-formed XML near line \(line): \(reason)"
        case .notAnExport: "The file is not a WordPress export (no RSS channel found)"
        }
    }
}

/// Lets the parsing thread run only a few events ahead of the reader.
final class Gate: @unchecked Sendable {
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var isStopped = false

    init(ahead: Int) { slots = DispatchSemaphore(value: ahead) }

    /// Waits for room; false once the reader has gone.
    func enter() -> Bool {
        slots.wait()
        lock.lock()
        defer { lock.unlock() }
        return !isStopped
    }

    func leave() { slots.signal() }

    func stop() {
        lock.lock()
        isStopped = true
        lock.unlock()
        // Wakes a parser waiting for room, which then sees the stop.
        for _ in 0..<64 { slots.signal() }
    }
}

final class WXRParserDelegate: NSObject, XMLParserDelegate {
    let emit: (WXREvent) -> Bool
    var stopped = false
    var sawChannel = false
    private var path: [String] = []
    private var text = ""
    private var item: WXRItem?
    private var term: [String: String]?
    private var author: [String: String]?
    private var metaKey = ""
    private var metaValue = ""
    private var categoryDomain = ""
    private var categorySlug = ""
    private var baseURL = ""
    private var language = ""
    private var siteSent = false

    init(emit: @escaping (WXREvent) -> Bool) { self.emit = emit }

    /// Names elements by the prefixes WXR uses, whatever the document calls its namespaces.
    static func prefixed(_ name: String, _ namespace: String?) -> String {
        guard let namespace, !namespace.isEmpty else { return name }
        if namespace.hasPrefix("http://wordpress.org/export/") && namespace.hasSuffix("/excerpt/") { return "excerpt:" + name }
        if namespace.hasPrefix("http://wordpress.org/export/") { return "wp:" + name }
        if namespace == "http://purl.org/rss/1.0/modules/content/" { return "content:" + name }
        if namespace == "http://purl.org/dc/elements/1.1/" { return "dc:" + name }
        return namespace + ":" + name
    }

    func send(_ event: WXREvent, _ parser: XMLParser) {
        if !emit(event) {
            stopped = true
            parser.abortParsing()
        }
    }

    func sendSiteOnce(_ parser: XMLParser) {
        guard !siteSent else { return }
        siteSent = true
        send(.site(baseURL: baseURL, language: language), parser)
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        let name = Self.prefixed(elementName, namespaceURI)
        path.append(name)
        text = ""
        switch name {
        case "channel": sawChannel = true
        case "item":
            sendSiteOnce(parser)
            item = WXRItem()
        case "wp:category" where item == nil, "wp:tag", "wp:term":
            sendSiteOnce(parser)
            term = [:]
        case "wp:author" where item == nil:
            author = [:]
        case "category" where item != nil:
            categoryDomain = attributes["domain"] ?? ""
            categorySlug = attributes["nicename"] ?? ""
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        // Only leaves are read; the channel's and an item's own whitespace is not kept.
        if item != nil || term != nil || author != nil || path.count <= 3 { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        let name = Self.prefixed(elementName, namespaceURI)
        defer {
            path.removeLast()
            text = ""
        }
        if var current = item {
            switch name {
            case "item":
                item = nil
                send(.item(current), parser)
                return
            case "title": current.title = text
            case "link": current.link = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "guid": current.guid = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "dc:creator": current.creator = text
            case "content:encoded": current.content = text
            case "excerpt:encoded": current.excerpt = text
            case "wp:post_id": current.id = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            case "wp:post_date_gmt": current.dateGMT = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "wp:post_date": current.date = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "wp:post_name": current.slug = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "wp:status": current.status = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "wp:post_parent": current.parentID = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            case "wp:post_type": current.type = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "wp:attachment_url": current.attachmentURL = text.trimmingCharacters(in: .whitespacesAndNewlines)
            case "category":
                if !categorySlug.isEmpty { current.terms.append((categoryDomain, categorySlug)) }
            case "wp:meta_key": metaKey = text
            case "wp:meta_value": metaValue = text
            case "wp:postmeta":
                current.meta[metaKey] = metaValue
                metaKey = ""
                metaValue = ""
            default: break
            }
            item = current
            return
        }
        if var current = term {
            switch name {
            case "wp:category", "wp:tag", "wp:term":
                term = nil
                let taxonomy = name == "wp:category" ? "category" : name == "wp:tag" ? "post_tag" : current["wp:term_taxonomy"] ?? ""
                let slug = current["wp:category_nicename"] ?? current["wp:tag_slug"] ?? current["wp:term_slug"] ?? ""
                let label = current["wp:cat_name"] ?? current["wp:tag_name"] ?? current["wp:term_name"] ?? slug
                let parent = current["wp:category_parent"] ?? current["wp:term_parent"] ?? ""
                send(.term(WXRTerm(taxonomy: taxonomy, id: Int64(current["wp:term_id"] ?? "") ?? 0, slug: slug, name: label,
                                   parentSlug: parent)), parser)
                return
            default:
                current[name] = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            term = current
            return
        }
        if var current = author {
            if name == "wp:author" {
                author = nil
                send(.author(login: current["wp:author_login"] ?? "", displayName: current["wp:author_display_name"] ?? ""), parser)
                return
            }
            current[name] = text.trimmingCharacters(in: .whitespacesAndNewlines)
            author = current
            return
        }
        switch name {
        case "wp:base_site_url": baseURL = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case "language": language = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case "link" where path.count == 3 && baseURL.isEmpty: baseURL = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case "channel": sendSiteOnce(parser)
        default: break
        }
    }
}
