import Foundation

/// Atom (RFC 4287) feeds for the blog, resources, events and the whole site.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var url: String
        public var updated: Date
        public var published: Date?
        public var summary: String
        public var author: String
        public var categories: [String]

        public init(id: String, title: String, url: String, updated: Date, published: Date?, summary: String,
                    author: String, categories: [String] = []) {
            self.id = id
            self.title = title
            self.url = url
            self.updated = updated
            self.published = published
            self.summary = summary
            self.author = author
            self.categories = categories
        }
    }

    public var id: String
    public var title: String
    public var subtitle: String
    public var selfURL: String
    public var alternateURL: String
    public var language: Language
    public var author: String
    public var entries: [Entry]

    public init(id: String, title: String, subtitle: String, selfURL: String, alternateURL: String,
                language: Language, author: String, entries: [Entry]) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.selfURL = selfURL
        self.alternateURL = alternateURL
        self.language = language
        self.author = author
        self.entries = entries
    }

    /// The feed's `updated` is its newest entry's; an empty feed is as old as the epoch start,
    /// so the output depends on the content alone.
    public var updated: Date { entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0) }

    public func xml() -> String {
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language.rawValue)">
            <id>\(Self.escape(id))</id>
            <title>\(Self.escape(title))</title>
            <subtitle>\(Self.escape(subtitle))</subtitle>
            <link rel="self" type="application/atom+xml" href="\(Self.escape(selfURL))"/>
            <link rel="alternate" type="text/html" href="\(Self.escape(alternateURL))"/>
            <updated>\(Self.date(updated))</updated>
            <author><name>\(Self.escape(author))</name></author>

            """
        for entry in entries {
            out += "<entry>\n"
            out += "<id>\(Self.escape(entry.id))</id>\n"
            out += "<title>\(Self.escape(entry.title))</title>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(Self.escape(entry.url))\"/>\n"
            out += "<updated>\(Self.date(entry.updated))</updated>\n"
            if let published = entry.published { out += "<published>\(Self.date(published))</published>\n" }
            out += "<author><name>\(Self.escape(entry.author))</name></author>\n"
            for category in entry.categories { out += "<category term=\"\(Self.escape(category))\"/>\n" }
            out += "<summary>\(Self.escape(entry.summary))</summary>\n"
            out += "</entry>\n"
        }
        return out + "</feed>\n"
    }

    static func date(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0xFFFE...0xFFFF).contains(scalar.value) {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
