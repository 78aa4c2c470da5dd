import C4CCore
import Foundation

/// One choice in a filter list: its label and count, the address that applies it (keeping every
/// other filter), and whether it is the current one.
struct FilterChoice: Sendable, Encodable {
    let label: String
    let count: Int
    let href: String
    let selected: Bool
}

/// A named group of choices, e.g. "Kind" with NGO (12), Network (5)…
struct FilterGroup: Sendable, Encodable {
    let name: String
    let label: String
    let clearHref: String
    let anySelected: Bool
    let choices: [FilterChoice]
}

enum QueryString {
    /// `/resources?kind=toolkit&topic=mobility`, parameters in the order given, values encoded.
    static func href(_ path: String, _ parameters: [(String, String)]) -> String {
        guard !parameters.isEmpty else { return path }
        return path + "?" + parameters.map { encoded($0.0) + "=" + encoded($0.1) }.joined(separator: "&")
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters, so `+`, `&`, `=`
    /// and `#` in a value stay part of it. A listing page builds a link for every facet value,
    /// where Foundation's URLComponents cost a tenth of the page.
    static func encoded(_ text: String) -> String {
        guard text.utf8.contains(where: { !isUnreserved($0) }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// The group for one filter: each value links to the current parameters with it set (or
    /// cleared when already chosen), so filters combine.
    static func group(name: String, label: String, path: String, current: [(String, String)], values: [FacetValue],
                      labelFor: (FacetValue) -> String = { $0.label }) -> FilterGroup {
        let others = current.filter { $0.0 != name && $0.0 != "page" }
        let selected = current.first { $0.0 == name }?.1
        // The other filters are encoded once for the group, not once for each of its values.
        let clearHref = href(path, others)
        let join = (others.isEmpty ? "?" : "&") + encoded(name) + "="
        let choices = values.map { value in
            FilterChoice(label: labelFor(value), count: value.count,
                         href: selected == value.value ? clearHref : clearHref + join + encoded(value.value),
                         selected: selected == value.value)
        }
        return FilterGroup(name: name, label: label, clearHref: clearHref, anySelected: selected != nil, choices: choices)
    }
}

/// Previous and next links that keep the filters.
struct Pagination: Sendable, Encodable {
    let previousHref: String?
    let nextHref: String?
    let label: String
    let show: Bool

    init(path: String, parameters: [(String, String)], page: Int, pageSize: Int, total: Int, label: String) {
        let pages = max(1, (total + pageSize - 1) / pageSize)
        let kept = parameters.filter { $0.0 != "page" }
        func link(_ number: Int) -> String { QueryString.href(path, number == 1 ? kept : kept + [("page", String(number))]) }
        previousHref = page > 1 ? link(min(page - 1, pages)) : nil
        nextHref = page < pages ? link(page + 1) : nil
        self.label = label.replacingOccurrences(of: "{page}", with: String(page)).replacingOccurrences(of: "{pages}", with: String(pages))
        show = pages > 1
    }
}
