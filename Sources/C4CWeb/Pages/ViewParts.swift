import C4CCore
import Foundation

/// Small view models shared by several pages.
/// An image as templates draw it: for a photo, a `<picture>` offering its variants in WebP and
/// its own family with `srcset` and `sizes`, so a phone fetches a phone-sized copy; an SVG as it is.
struct ImageView: Sendable, Encodable {
    let src: String
    let srcset: String?
    let webpSrcset: String?
    let sizes: String
    let alt: String
    let credit: String
    let width: Int
    let height: Int

    /// How wide the image is drawn, as `sizes` says it.
    enum Place: String {
        /// The full width of the screen (hero slides).
        case fullWidth = "100vw"
        /// The page's text column (a cover on an item's page).
        case column = "(min-width: 52rem) 48rem, 100vw"
        /// A card in a grid.
        case card = "(min-width: 60rem) 18rem, (min-width: 40rem) 45vw, 100vw"
        /// A small picture beside an item in a list (`.thumb` in site.css): a phone fetches the
        /// 320 px copy, or the 640 px one on a dense screen.
        case thumbnail = "(min-width: 40rem) 12rem, 7rem"
    }

    init(_ image: ImageRef, place: Place = .column) {
        src = image.defaultSource
        srcset = image.fallbackSrcset
        webpSrcset = image.webpSrcset
        sizes = place.rawValue
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
    /// Date and time together, joined with the language's comma ("،" in Arabic).
    let at: String

    init(_ zoned: ZonedTime, _ language: Language) {
        iso = zoned.isoWithOffset
        date = zoned.dateText(language: language)
        time = zoned.timeText(language: language)
        at = date + (language == .ar ? "، " : ", ") + time
        zone = zoned.zoneName(language: language)
        offset = zoned.utcOffsetLabel
    }
}

/// One entry of a select or checkbox list.
struct ChoiceOption: Sendable, Encodable {
    let value: String
    let label: String
    let selected: Bool
}
