import Foundation

/// Values of a query string as browsers send a form by GET (`application/x-www-form-urlencoded`):
/// `+` is a space and `%2B` a plus sign. Hummingbird's `queryParameters` decodes percent signs
/// only, so a search for `bogota school` came back as `bogota+school` in its own box.
public enum FormQuery {
    /// The first value of the named parameter; nil when it is absent. A malformed percent
    /// sequence leaves the value as it came, `+` still read as a space.
    public static func value(_ name: String, in query: Substring) -> String? {
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decoded(parts[0]) == name else { continue }
            return parts.count > 1 ? decoded(parts[1]) : ""
        }
        return nil
    }

    static func decoded(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
