import Foundation

/// Where a content item stands. A scheduled item becomes public when its publish time has come,
/// decided by the public queries when a page is served (`Visibility` in C4CStore), so no
/// background job has to flip it.
public enum PublicationStatus: String, Sendable, Codable, CaseIterable {
    case draft, scheduled, published
}
