import C4CCore
import Foundation
import Testing

@Suite struct ZonedTimeTests {
    private func instant(_ iso: String) -> Date { try! Date(iso, strategy: .iso8601) }

    @Test func showsTheOffsetInForceAtTheInstant() {
        #expect(ZonedTime(instant: instant("2026-03-12T11:00:00Z"), zoneIdentifier: "Africa/Nairobi")!.utcOffsetLabel == "UTC+3")
        #expect(ZonedTime(instant: instant("2026-07-01T09:00:00Z"), zoneIdentifier: "Europe/Paris")!.utcOffsetLabel == "UTC+2")
        #expect(ZonedTime(instant: instant("2026-12-01T10:00:00Z"), zoneIdentifier: "Europe/Paris")!.utcOffsetLabel == "UTC+1")
        #expect(ZonedTime(instant: instant("2026-12-01T10:00:00Z"), zoneIdentifier: "Asia/Kolkata")!.utcOffsetLabel == "UTC+5:30")
        #expect(ZonedTime(instant: instant("2026-12-01T10:00:00Z"), zoneIdentifier: "America/Bogota")!.utcOffsetLabel == "UTC\u{2212}5")
        #expect(ZonedTime(instant: instant("2026-12-01T10:00:00Z"), zoneIdentifier: "UTC")!.utcOffsetLabel == "UTC")
    }

    /// Meetings at 11:00 in Paris on both sides of the October change read 11:00, with the offset moving.
    @Test func localTimeStaysAcrossDaylightSavingChange() {
        let before = ZonedTime(instant: instant("2026-10-20T09:00:00Z"), zoneIdentifier: "Europe/Paris")!
        let after = ZonedTime(instant: instant("2026-10-27T10:00:00Z"), zoneIdentifier: "Europe/Paris")!
        #expect(before.timeText(language: .en) == "11:00")
        #expect(after.timeText(language: .en) == "11:00")
        #expect(before.isoWithOffset == "2026-10-20T11:00:00+02:00")
        #expect(after.isoWithOffset == "2026-10-27T11:00:00+01:00")
    }

    @Test func timesUseTheTwentyFourHourClockInEveryLanguage() {
        let afternoon = ZonedTime(instant: instant("2026-03-12T11:00:00Z"), zoneIdentifier: "Africa/Nairobi")!
        for language in Language.allCases {
            #expect(afternoon.timeText(language: language) == "14:00")
        }
        let lateEvening = ZonedTime(instant: instant("2026-03-12T20:59:00Z"), zoneIdentifier: "Africa/Nairobi")!
        #expect(lateEvening.timeText(language: .en) == "23:59")
        #expect(afternoon.dateText(language: .en).contains("12"))
        #expect(afternoon.dateText(language: .fr).contains("mars"))
    }

    @Test func refusesUnknownZones() {
        #expect(ZonedTime(instant: Date(), zoneIdentifier: "Mars/Olympus_Mons") == nil)
    }

    @Test func namesTheCity() {
        #expect(ZonedTime(instant: Date(), zoneIdentifier: "America/Bogota")!.cityName == "Bogota")
        #expect(ZonedTime(instant: Date(), zoneIdentifier: "America/Argentina/Buenos_Aires")!.cityName == "Buenos Aires")
    }

    @Test func deadlineIsOpenUntilItsInstantAndClosedAfter() {
        let closes = instant("2026-05-01T20:59:00Z")
        let deadline = Deadline(ZonedTime(instant: closes, zoneIdentifier: "Africa/Nairobi")!)
        #expect(deadline.isOpen(at: closes.addingTimeInterval(-3600)))
        #expect(deadline.isOpen(at: closes))
        #expect(!deadline.isOpen(at: closes.addingTimeInterval(1)))
    }
}
