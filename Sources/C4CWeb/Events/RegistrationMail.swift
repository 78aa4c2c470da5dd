import C4CCore
import C4CStore
import Foundation

/// The mails of built-in registration, in the registrant's language: a place comes with the
/// event's calendar file and, like a waiting-list place, with the link that cancels it.
struct RegistrationMail: Sendable {
    let catalog: TextCatalog
    let publicURL: String

    func compose(_ notice: RegistrationQueries.Notice, _ registration: RegistrationQueries.Registration,
                 _ event: RegistrationQueries.Event, token: String?, position: Int?) -> OutgoingMail {
        let language = Language(rawValue: registration.language) ?? .default
        let zone = TimeZone(identifier: event.timeZone) ?? .gmt
        let start = ZonedTime(instant: Date(epochSeconds: event.startsAt), zone: zone)
        let eventURL = publicURL + PageAddress.href("/events/\(event.slug)", language)
        let when: String = start.dateText(language: language) + ", " + start.timeText(language: language) + " " + start.zoneName(language: language)
            + " (" + start.utcOffsetLabel + ")"
        let place: String = event.online ? (event.onlineURL.isEmpty ? eventURL : event.onlineURL) : event.venue
        let cancelBase: String = publicURL + PageAddress.href("/events/registration", language) + "/"
        let fill: [String: String] = [
            "name": registration.name, "title": event.title, "when": when, "place": place, "link": eventURL,
            "cancel": token.map { cancelBase + $0 } ?? "", "position": position.map { String($0) } ?? "",
        ]
        let withCalendar: Bool = switch notice {
        case .registered, .promoted, .reminder: true
        case .waiting, .cancelled: false
        }
        return OutgoingMail(
            subject: catalog.text("mail_registration_\(notice.rawValue)_subject", language, fill),
            body: catalog.text("mail_registration_\(notice.rawValue)_body", language, fill),
            attachments: withCalendar ? [calendar(event, start: start, zone: zone, url: eventURL)] : [])
    }

    func calendar(_ event: RegistrationQueries.Event, start: ZonedTime, zone: TimeZone, url: String) -> MailMessage.Attachment {
        let host = URL(string: publicURL)?.host ?? "c4c"
        let entry = CalendarEvent(
            uid: "event-\(event.id)@\(host)", start: start, end: ZonedTime(instant: Date(epochSeconds: event.endsAt), zone: zone),
            summary: event.title, description: event.summary, location: event.online ? url : event.venue, url: url,
            lastModified: Date(epochSeconds: event.updatedAt))
        let document = ICalendar.document(name: nil, events: [entry], now: Date(epochSeconds: event.updatedAt))
        return MailMessage.Attachment(filename: "\(event.slug).ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                                      data: Array(document.utf8))
    }
}
