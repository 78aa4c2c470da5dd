import Foundation
import Synchronization

/// An instant shown in a named IANA time zone, e.g. an event start in Europe/Paris.
/// Stored as UTC seconds with the zone beside it; shown in the zone with its UTC offset
/// at that instant, so a daylight-saving change never shifts what a reader sees.
public struct ZonedTime: Sendable, Equatable {
    public let instant: Date
    public let zone: TimeZone

    public init(instant: Date, zone: TimeZone) {
        self.instant = instant
        self.zone = zone
    }

    /// Nil when the identifier names no IANA zone.
    public init?(instant: Date, zoneIdentifier: String) {
        guard let zone = TimeZone(identifier: zoneIdentifier) else { return nil }
        self.init(instant: instant, zone: zone)
    }

    /// "UTC+3", "UTC−5", "UTC+5:30", "UTC" — the offset in force at this instant.
    public var utcOffsetLabel: String {
        let seconds = zone.secondsFromGMT(for: instant)
        if seconds == 0 { return "UTC" }
        let sign = seconds > 0 ? "+" : "\u{2212}"
        let hours = abs(seconds) / 3600
        let minutes = (abs(seconds) % 3600) / 60
        return minutes == 0 ? "UTC\(sign)\(hours)" : "UTC\(sign)\(hours):\(String(format: "%02d", minutes))"
    }

    /// ISO 8601 with the zone's offset, for `<time datetime>`: `2026-03-12T14:00+03:00`.
    public var isoWithOffset: String {
        var style = Date.ISO8601FormatStyle(timeZone: zone)
        style = style.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon).timeZone(separator: .colon)
        return instant.formatted(style)
    }

    /// "Thu 12 Mar 2026" in the reader's language, in this zone.
    public func dateText(language: Language) -> String {
        instant.formatted(
            Date.FormatStyle(date: .abbreviated, time: .omitted, locale: language.locale, timeZone: zone)
                .weekday(.abbreviated)
        )
    }

    /// "14:00" in this zone: the 24-hour clock reads the same in every language of the site.
    public func timeText(language: Language) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let style = Date.VerbatimFormatStyle(
            format: "\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            timeZone: zone, calendar: calendar
        )
        return instant.formatted(style)
    }

    /// The zone as a reader of `language` names it: in English the city of its identifier
    /// ("Nairobi"), elsewhere the zone's name in that language from the Unicode data
    /// ("heure normale d’Afrique de l’Est", "توقيت شرق أفريقيا"), since the identifiers' English
    /// city names are all a page could otherwise show. UTC stays "UTC" everywhere.
    public func zoneName(language: Language) -> String {
        guard language != .default, zone.identifier != "UTC", zone.identifier != "GMT" else { return cityName }
        let key = "\(language.rawValue) \(zone.identifier)"
        if let known = Self.zoneNames.withLock({ $0[key] }) { return known }
        // Asking ICU costs about 80 µs a name, more than rendering the rest of an event page.
        let name = zone.localizedName(for: .generic, locale: language.locale) ?? cityName
        Self.zoneNames.withLock { $0[key] = name }
        return name
    }

    /// Zone names already asked for, by language and zone: a few hundred zones at most.
    private static let zoneNames = Mutex<[String: String]>([:])

    /// The city part of the zone name, "Nairobi" for Africa/Nairobi, "Bogota" for America/Bogota.
    public var cityName: String {
        let last = zone.identifier.split(separator: "/").last.map(String.init) ?? zone.identifier
        return last.replacingOccurrences(of: "_", with: " ")
    }
}

extension Language {
    /// Locale used for dates and numbers. Arabic uses Latin digits, as the alliance's Arabic
    /// publications do, so times read the same across languages.
    public var locale: Locale {
        switch self {
        case .ar: Locale(identifier: "ar@numbers=latn")
        default: Locale(identifier: rawValue)
        }
    }
}
