import C4CCore
import Foundation
import HTTPTypes

/// The language the back office speaks in while it answers one request: the signed-in editor's
/// choice, set by `AdminGate` around the handler, or for pages without a session (sign-in,
/// setup, password reset) the browser's best match. A task-local value, because every label,
/// error and date of an admin page is written in it and threading it through each helper of
/// thirty controllers would add a parameter to nearly every function without making any clearer.
enum EditorLanguage {
    @TaskLocal static var current: Language = .default

    /// The best of our five languages for an `Accept-Language` header, English when none fits:
    /// `fr-CA,fr;q=0.9,en;q=0.5` → French; a language range weighted `q=0` is never chosen.
    static func preferred(_ header: String?) -> Language {
        guard let header else { return .default }
        var best: (language: Language, weight: Double)?
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let range = pieces.first?.lowercased(), !range.isEmpty else { continue }
            let weight = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            let primary = range.split(separator: "-").first.map(String.init) ?? range
            guard weight > 0, let language = Language(rawValue: primary) else { continue }
            if weight > best?.weight ?? 0 { best = (language, weight) }
        }
        return best?.language ?? .default
    }

    /// The language a request without a session is answered in.
    static func preferred(_ headers: HTTPFields) -> Language {
        preferred(headers[.acceptLanguage])
    }

    /// A back-office date and time in the editor's language, in UTC as the stored instants are:
    /// "Nov 30, 2026 at 3:20 AM UTC", "30 nov. 2026 à 03:20 UTC".
    static func timestamp(_ epoch: Int64, in language: Language = current) -> String {
        Date(epochSeconds: epoch).formatted(
            Date.FormatStyle(date: .abbreviated, time: .shortened, locale: language.locale, timeZone: .gmt)) + " UTC"
    }

    /// A day in the editor's language, in the given zone: "Dec 10, 2026", "10 déc. 2026".
    static func day(_ epoch: Int64, zone: TimeZone, in language: Language = current) -> String {
        Date(epochSeconds: epoch).formatted(Date.FormatStyle(date: .abbreviated, time: .omitted, locale: language.locale, timeZone: zone))
    }
}
