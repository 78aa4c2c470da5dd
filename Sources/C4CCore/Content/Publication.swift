import Foundation

/// Where a content item stands. A scheduled item becomes public when its publish time has come,
/// decided when a page is served, so no background job has to flip it.
public enum PublicationStatus: String, Sendable, Codable, CaseIterable {
    case draft, scheduled, published

    public func isPublic(publishAt: Date?, now: Date) -> Bool {
        switch self {
        case .draft: false
        case .published, .scheduled: (publishAt ?? .distantPast) <= now
        }
    }
}

/// A home-page block stays on the front page until this date, then drops off by itself.
public func isStillFeatured(until: Date?, now: Date) -> Bool {
    guard let until else { return true }
    return now < until
}
