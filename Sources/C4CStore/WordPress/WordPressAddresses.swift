import Foundation

/// The addresses a WordPress site answered for an item, as paths (with their query, for the
/// `?p=` forms) this site can match a request against.
enum WordPressAddresses {
    /// The path (and WordPress query form) of an absolute or relative link; nil for another kind of link.
    static func path(of link: String) -> String? {
        guard !link.isEmpty, let components = URLComponents(string: link) else { return nil }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        guard path.hasPrefix("/") else { return nil }
        for key in ["p", "page_id", "attachment_id", "cat", "tag"] {
            if let value = components.queryItems?.first(where: { $0.name == key })?.value, !value.isEmpty {
                return "/?\(key)=\(value)"
            }
        }
        return path
    }

    /// A path and its twin with or without the trailing slash: WordPress answered both.
    static func withAndWithoutSlash(_ path: String) -> [String] {
        guard path != "/", !path.hasPrefix("/?") else { return [path] }
        return path.hasSuffix("/") ? [path, String(path.dropLast())] : [path, path + "/"]
    }

    /// A redirect target must be a path of this site: never another host, whatever an export holds.
    static func isOwnPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\") && !path.contains("://")
            && path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }

    /// The key an uploads address is known by: the path under `uploads/`, without the size WordPress
    /// gives resized copies (`photo-300x200.jpg` is `photo.jpg`) or `-scaled`.
    static func uploadKey(_ address: String) -> String? {
        let path = URLComponents(string: address)?.path ?? address
        guard let range = path.range(of: "/uploads/") else { return nil }
        var key = String(path[range.upperBound...]).lowercased()
        if let match = key.firstMatch(of: /-(\d+x\d+|scaled)(\.[a-z0-9]+)$/) {
            key = String(key[..<match.range.lowerBound]) + match.output.2
        }
        return key
    }

    /// A file name safe in an address and a header: ASCII letters, digits, `.`, `-` and `_`.
    static func fileName(_ relative: String) -> String {
        let base = (relative as NSString).lastPathComponent
        let safe = String(base.unicodeScalars.map {
            $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "." || $0 == "-" || $0 == "_") ? Character($0) : "-"
        })
        return safe.isEmpty || safe.hasPrefix(".") ? "file" + safe : safe
    }

    /// "2026-11-03 09:15:00" read as UTC; nil for WordPress's empty date.
    static func instant(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        guard parts.count >= 5, parts[0] > 1970 else { return nil }
        var components = DateComponents()
        components.year = parts[0]; components.month = parts[1]; components.day = parts[2]
        components.hour = parts[3]; components.minute = parts[4]; components.second = parts.count > 5 ? parts[5] : 0
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        return calendar.date(from: components).map { Int64($0.timeIntervalSince1970) }
    }
}
