import Foundation

/// One event as a calendar sees it.
public struct CalendarEvent: Sendable {
    public var uid: String
    public var start: ZonedTime
    public var end: ZonedTime
    public var summary: String
    public var description: String
    public var location: String
    public var url: String
    public var lastModified: Date

    public init(uid: String, start: ZonedTime, end: ZonedTime, summary: String, description: String,
                location: String, url: String, lastModified: Date) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
        self.url = url
        self.lastModified = lastModified
    }
}

/// RFC 5545 calendars. Times are written in the event's own zone (`DTSTART;TZID=Europe/Paris:…`)
/// with a VTIMEZONE that lists every offset change around the events, so a calendar never shifts
/// a meeting across a daylight-saving change, whatever its own time-zone database says.
public enum ICalendar {
    public static func document(name: String?, events: [CalendarEvent], now: Date,
                                productID: String = "-//Cities4Children//c4c//EN") -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productID)", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if let name {
            lines.append("X-WR-CALNAME:\(escape(name))")
        }
        let zones = Dictionary(grouping: events) { $0.start.zone.identifier }
        if events.isEmpty {
            // RFC 5545 wants at least one component: an empty series still gets one.
            lines += timeZone(.gmt, from: now, to: now)
        }
        for identifier in zones.keys.sorted() {
            let group = zones[identifier]!
            let zone = group[0].start.zone
            let from = group.map(\.start.instant).min()!
            let to = group.map(\.end.instant).max()!
            lines += timeZone(zone, from: from, to: to)
        }
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(escape(event.uid))",
                "DTSTAMP:\(utc(now))",
                "LAST-MODIFIED:\(utc(event.lastModified))",
                "DTSTART;TZID=\(event.start.zone.identifier):\(local(event.start))",
                "DTEND;TZID=\(event.end.zone.identifier):\(local(event.end))",
                "SUMMARY:\(escape(event.summary))",
            ]
            if !event.description.isEmpty { lines.append("DESCRIPTION:\(escape(event.description))") }
            if !event.location.isEmpty { lines.append("LOCATION:\(escape(event.location))") }
            if !event.url.isEmpty { lines.append("URL:\(event.url)") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The zone's offset changes from a year before `from` to a year after `to`, one observance
    /// each; a zone without changes gets one STANDARD observance with its fixed offset.
    static func timeZone(_ zone: TimeZone, from: Date, to: Date) -> [String] {
        var lines = ["BEGIN:VTIMEZONE", "TZID:\(zone.identifier)"]
        let start = from.addingTimeInterval(-366 * 86_400)
        let end = to.addingTimeInterval(366 * 86_400)
        var transitions: [Date] = []
        var cursor = start
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= end, transitions.count < 400 {
            transitions.append(next)
            cursor = next
        }
        // The offset in force from the start of the range, so times before the first change are defined.
        let initial = zone.secondsFromGMT(for: start)
        lines += observance(kind: zone.isDaylightSavingTime(for: start) ? "DAYLIGHT" : "STANDARD",
                            onset: localString(start, offset: initial), from: initial, to: initial,
                            name: zone.abbreviation(for: start))
        for transition in transitions {
            let before = zone.secondsFromGMT(for: transition.addingTimeInterval(-1))
            let after = zone.secondsFromGMT(for: transition)
            lines += observance(kind: zone.isDaylightSavingTime(for: transition) ? "DAYLIGHT" : "STANDARD",
                                onset: localString(transition, offset: before), from: before, to: after,
                                name: zone.abbreviation(for: transition))
        }
        lines.append("END:VTIMEZONE")
        return lines
    }

    private static func observance(kind: String, onset: String, from: Int, to: Int, name: String?) -> [String] {
        var lines = ["BEGIN:\(kind)", "DTSTART:\(onset)", "TZOFFSETFROM:\(offset(from))", "TZOFFSETTO:\(offset(to))"]
        if let name { lines.append("TZNAME:\(escape(name))") }
        lines.append("END:\(kind)")
        return lines
    }

    /// `+0200`, `-0500`, `+0530`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let minutes = abs(seconds) / 60
        return sign + String(format: "%02d%02d", minutes / 60, minutes % 60)
    }

    static func utc(_ date: Date) -> String { localString(date, offset: 0) + "Z" }

    static func local(_ time: ZonedTime) -> String {
        localString(time.instant, offset: time.zone.secondsFromGMT(for: time.instant))
    }

    /// The wall-clock time at `date` in a fixed offset, as `yyyyMMdd'T'HHmmss`.
    static func localString(_ date: Date, offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset) ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 == "\n" || $0 == "\r" || $0.value >= 0x20 && $0.value != 0x7F }))
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\n")
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 sequence (RFC 5545 §3.1).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var result = ""
        var count = 0
        for character in line {
            let size = String(character).utf8.count
            if count + size > 75 {
                result += "\r\n "
                count = 1
            }
            result.append(character)
            count += size
        }
        return result
    }
}
