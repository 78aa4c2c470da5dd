import C4CCore
import Foundation

/// What the back office shows beside a local date and time: the choice between the two readings
/// of a time the clocks show twice, and a stored instant as the site's zone reads it.
struct LocalTimeText: Sendable {
    let catalog: TextCatalog

    /// For a value the clocks show twice in `zone`: its two readings, earlier first, labelled like
    /// "02:30 UTC+02:00 (summer time, first)", with `chosen` selected; empty for every other value.
    /// Until one is chosen an empty option leads, so the form cannot pick one for the editor.
    func offsetOptions(_ value: String, zone: TimeZone, chosen: String?) -> [ChoiceOption] {
        guard let local = LocalDateTime(parsing: value), case .repeated(let first, let second) = local.meaning(in: zone) else { return [] }
        let seasons = zone.isDaylightSavingTime(for: first) && !zone.isDaylightSavingTime(for: second)
        let readings = [(first, seasons ? "admin_offset_summer_first" : "admin_offset_first"),
                        (second, seasons ? "admin_offset_winter_second" : "admin_offset_second")]
        let offsets = readings.map { String(zone.secondsFromGMT(for: $0.0)) }
        let choice = offsets.contains(chosen ?? "") ? chosen : nil
        return (choice == nil ? [ChoiceOption(value: "", label: "—", selected: true)] : [])
            + zip(readings, offsets).map { reading, offset in
                ChoiceOption(value: offset, label: catalog.text(reading.1, EditorLanguage.current, [
                    "time": local.timeText, "offset": UTCOffset.label(seconds: zone.secondsFromGMT(for: reading.0)),
                ]), selected: offset == choice)
            }
    }

    /// "Which 02:30?", the label of that choice.
    func offsetQuestion(_ value: String) -> String {
        catalog.text("admin_offset_which", EditorLanguage.current, ["time": LocalDateTime(parsing: value)?.timeText ?? value])
    }

    /// "In Europe/Paris, the site's time zone", beside a field read in it.
    func siteZoneNote(_ zone: TimeZone) -> String {
        catalog.text("admin_site_zone_note", EditorLanguage.current, ["zone": zone.identifier])
    }

    /// "2026-12-10 14:00 Europe/Paris (UTC+1)": a stored instant in the site's zone.
    static func siteTime(_ epochSeconds: Int64, zone: TimeZone) -> String {
        let instant = Date(epochSeconds: epochSeconds)
        let local = LocalDateTime(instant, zone: zone)
        return "\(local.date.text) \(local.timeText) \(zone.identifier) (\(ZonedTime(instant: instant, zone: zone).utcOffsetLabel))"
    }
}
