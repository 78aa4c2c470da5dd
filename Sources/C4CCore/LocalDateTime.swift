import Foundation

/// A calendar date as an editor types it, `YYYY-MM-DD`, read strictly: `2026-02-31` is refused,
/// never moved to March.
public struct LocalDate: Sendable, Equatable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.days(inMonth: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(parsing text: String) {
        guard let match = text.wholeMatch(of: /(\d{4})-(\d{2})-(\d{2})/),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public var text: String { String(format: "%04d-%02d-%02d", year, month, day) }
}

/// A wall-clock date and time as a `datetime-local` field sends it, `2026-10-25T02:30`, read
/// strictly (hour 0–23, minute 0–59, a day the month has), and the instant or instants it names
/// in a zone.
public struct LocalDateTime: Sendable, Equatable {
    public let date: LocalDate
    public let hour: Int
    public let minute: Int

    public init?(date: LocalDate, hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.date = date
        self.hour = hour
        self.minute = minute
    }

    /// Seconds, which a browser sends only for a value that had them, must be 0–59 and are dropped:
    /// the site schedules to the minute.
    public init?(parsing text: String) {
        guard let match = text.wholeMatch(of: /(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/),
              let date = LocalDate(parsing: String(match.1)), let hour = Int(match.2), let minute = Int(match.3) else { return nil }
        if let seconds = match.4, !(0...59).contains(Int(seconds) ?? -1) { return nil }
        self.init(date: date, hour: hour, minute: minute)
    }

    /// The wall-clock reading of `instant` in `zone`.
    public init(_ instant: Date, zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        self.date = LocalDate(year: c.year!, month: c.month!, day: c.day!)!
        self.hour = c.hour!
        self.minute = c.minute!
    }

    /// `2026-10-25T02:30`, the `datetime-local` form.
    public var text: String { date.text + "T" + timeText }

    /// `02:30`.
    public var timeText: String { String(format: "%02d:%02d", hour, minute) }

    /// What this reading means in a zone.
    public enum Meaning: Sendable, Equatable {
        /// One instant: the usual case.
        case exact(Date)
        /// The clocks went back over this time, so it happened twice: the earlier instant first.
        case repeated(Date, Date)
        /// The clocks went forward over this time, so it never happened.
        case skipped
    }

    public func meaning(in zone: TimeZone) -> Meaning {
        let asIfUTC = Self.secondsAsIfUTC(date.year, date.month, date.day, hour, minute)
        // An instant is this reading when the zone's offset at that instant is the one assumed.
        // Trying the offsets in force a day and a half either side finds any clock change of up to
        // that size (Samoa's skipped day of 2011 is the largest there has been).
        let offsets = Set([-129_600, 0, 129_600].map { zone.secondsFromGMT(for: Date(epochSeconds: asIfUTC + Int64($0))) })
        let instants = offsets.map { asIfUTC - Int64($0) }
            .filter { zone.secondsFromGMT(for: Date(epochSeconds: $0)) == Int(asIfUTC - $0) }
            .sorted().map(Date.init(epochSeconds:))
        switch instants.count {
        case 0: return .skipped
        case 1: return .exact(instants[0])
        default: return .repeated(instants[0], instants[instants.count - 1])
        }
    }

    /// The instant this reading names in `zone` once the editor has said which of a repeated time
    /// they mean, by its offset from UTC in seconds.
    public func instant(in zone: TimeZone, offset: Int?) -> Date? {
        switch meaning(in: zone) {
        case .exact(let instant): instant
        case .repeated(let first, let second):
            [first, second].first { offset != nil && zone.secondsFromGMT(for: $0) == offset }
        case .skipped: nil
        }
    }

    static func secondsAsIfUTC(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        return calendar.date(from: parts)!.epochSeconds
    }
}

/// The offset of a zone at an instant as the choice between two repeated times names it:
/// `UTC+02:00`, `UTC−03:30`.
public enum UTCOffset {
    public static func label(seconds: Int) -> String {
        let sign = seconds < 0 ? "\u{2212}" : "+"
        return "UTC" + sign + String(format: "%02d:%02d", abs(seconds) / 3600, (abs(seconds) % 3600) / 60)
    }
}
