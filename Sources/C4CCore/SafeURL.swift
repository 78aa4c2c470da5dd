import Foundation

/// Addresses an editor or contributor typed, checked before they become a link: only http, https,
/// mailto and paths on this site. `javascript:`, `data:` and protocol-relative tricks (`//x`,
/// `/\x`) are refused, and so is any control character: browsers drop tabs and line breaks from
/// an address, so `/<tab>/evil.example` would become `//evil.example`.
public enum SafeURL {
    public static func isAllowed(_ text: String) -> Bool {
        let value = text.trimmingCharacters(in: .init(charactersIn: " "))
        guard !value.isEmpty, !hasControlCharacters(value), !value.contains("\\"),
              !value.contains(where: { $0.isNewline || $0 == "\"" || $0 == "<" || $0 == ">" }) else {
            return false
        }
        let lower = value.lowercased()
        if lower.hasPrefix("/") { return !lower.hasPrefix("//") }
        if lower.hasPrefix("#") { return true }
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
    }

    /// C0 and C1 controls and DEL, tab and line breaks among them.
    public static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Where a deleted item's address may send visitors: a path on this site or an http(s) address
    /// with a host.
    public static func isRedirectTarget(_ text: String) -> Bool {
        guard isAllowed(text), !text.contains(" ") else { return false }
        let lower = text.lowercased()
        if lower.hasPrefix("/") { return true }
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
              let host = URLComponents(string: text)?.host, !host.isEmpty else { return false }
        return true
    }

    /// The address when allowed, else nil.
    public static func filter(_ text: String) -> String? {
        isAllowed(text) ? text.trimmingCharacters(in: .init(charactersIn: " ")) : nil
    }

    /// The page that plays a recording on its own site, for visitors without script: an embed
    /// address of YouTube's privacy-enhanced player becomes its watch page.
    public static func watchPage(forEmbed embed: String) -> String {
        if let range = embed.range(of: "youtube-nocookie.com/embed/") {
            return "https://www.youtube.com/watch?v=" + embed[range.upperBound...]
        }
        if let range = embed.range(of: "player.vimeo.com/video/") {
            return "https://vimeo.com/" + embed[range.upperBound...]
        }
        return embed
    }
}

/// The address of a stored file: `/files/{id}/{name}`, the name percent-encoded so any file name
/// makes a working link.
public enum FilePath {
    private static let allowed: CharacterSet = {
        var set = CharacterSet.alphanumerics
        set.insert(charactersIn: "-._~")
        return set
    }()

    public static func make(id: Int64, name: String) -> String {
        "/files/\(id)/\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? String(id))"
    }

    /// The file id an address of this site's files names: 12 in `/files/12/photo.jpg`.
    public static func fileID(in path: String) -> Int64? {
        (path.firstMatch(of: /^\/files\/(\d{1,18})\//)?.1).flatMap { Int64($0) }
    }

    /// A resized copy of an image file: `/files/{id}/w{width}/{name}`.
    public static func variant(id: Int64, width: Int, name: String) -> String {
        "/files/\(id)/w\(width)/\(name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "image")"
    }
}
