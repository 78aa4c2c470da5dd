import Foundation
import Synchronization

/// Names of the places content is tagged with, in the reader's language. A country (an ISO 3166
/// code such as `KE`) is named from the Unicode CLDR data Foundation carries, so every country
/// an editor adds has its name in every language without a translation to write; a region of
/// the world (`africa`) is named by the text catalog's `region_<code>`. English keeps the name
/// stored with the place, which an editor chose ("Viet Nam").
public enum PlaceNames {
    public static func name(code: String, stored: String, language: Language, catalog: TextCatalog) -> String {
        guard language != .default else { return stored }
        if isCountryCode(code) {
            let key = "\(language.rawValue) \(code)"
            if let known = countries.withLock({ $0[key] }) { return known }
            let name = language.locale.localizedString(forRegionCode: code) ?? stored
            countries.withLock { $0[key] = name }
            return name
        }
        let key = "region_\(code.replacingOccurrences(of: "-", with: "_"))"
        let text = catalog.text(key, language)
        return text == key ? stored : text
    }

    /// Country names already looked up in ICU's data, by language and code: a list page names
    /// dozens, and each lookup costs tens of microseconds.
    private static let countries = Mutex<[String: String]>([:])

    static func isCountryCode(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }
}
