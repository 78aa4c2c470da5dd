import C4CCore
import Foundation

/// Small view models shared by several pages.
struct ImageView: Sendable, Encodable {
    let src: String
    let alt: String
    let credit: String
    let width: Int
    let height: Int

    init(_ image: ImageRef) {
        src = image.path
        alt = image.altText
        credit = image.credit
        width = image.width
        height = image.height
    }
}

/// An instant as a page shows it: machine-readable in `datetime`, readable in the item's own zone
/// with its UTC offset.
struct TimeView: Sendable, Encodable {
    let iso: String
    let date: String
    let time: String
    let zone: String
    let offset: String

    init(_ zoned: ZonedTime, _ language: Language) {
        iso = zoned.isoWithOffset
        date = zoned.dateText(language: language)
        time = zoned.timeText(language: language)
        zone = zoned.cityName
        offset = zoned.utcOffsetLabel
    }
}

/// One entry of a select or checkbox list.
struct ChoiceOption: Sendable, Encodable {
    let value: String
    let label: String
    let selected: Bool
}
