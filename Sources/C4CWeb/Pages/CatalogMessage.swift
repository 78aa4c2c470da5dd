import C4CCore
import Foundation

/// A message thrown in an `HTTPError` before anyone knows the reader's language: a catalog key,
/// with its values after a `?` as in a query string (`error_upload_too_large?megabytes=20`). The
/// error page looks it up in the reader's language; a message that names no key is shown as it is.
enum CatalogMessage {
    static func key(_ key: String, _ values: [String: String] = [:]) -> String {
        guard !values.isEmpty else { return key }
        var components = URLComponents()
        components.queryItems = values.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return key + "?" + (components.percentEncodedQuery ?? "")
    }

    static func text(_ message: String, _ language: Language, in catalog: TextCatalog) -> String {
        let parts = message.split(separator: "?", maxSplits: 1).map(String.init)
        guard let key = parts.first, catalog.text(key, .default) != key else { return message }
        var values: [String: String] = [:]
        if parts.count == 2 {
            var components = URLComponents()
            components.percentEncodedQuery = parts[1]
            for item in components.queryItems ?? [] { values[item.name] = item.value ?? "" }
        }
        return catalog.text(key, language, values)
    }
}
