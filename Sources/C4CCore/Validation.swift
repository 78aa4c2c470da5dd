import Foundation

/// Field errors of a form, keyed by field name, with catalog keys as messages; shared by public
/// forms, admin forms, the importer and the API.
public struct FieldErrors: Sendable, Equatable {
    public private(set) var messages: [String: String] = [:]

    public init() {}

    public var isEmpty: Bool { messages.isEmpty }

    public subscript(_ field: String) -> String? { messages[field] }

    public mutating func add(_ field: String, _ messageKey: String) {
        if messages[field] == nil { messages[field] = messageKey }
    }

    public mutating func merge(_ other: FieldErrors) {
        for (field, key) in other.messages { add(field, key) }
    }
}

public enum Validate {
    public static let minimumPasswordLength = 12

    /// A plausible address: one `@`, something before it, a dotted domain after it, no spaces.
    public static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, text.count <= 254 else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," })
            // U+FFFD stands for bytes that were not UTF-8: no mail server can deliver to it.
            && !text.unicodeScalars.contains { $0 == "\u{FFFD}" || $0.properties.generalCategory == .control }
    }

    /// Errors for a new account: name, email, and a password typed twice.
    public static func account(name: String, email: String, password: String, confirmation: String) -> FieldErrors {
        var errors = FieldErrors()
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("name", "error_field_name") }
        if name.count > 200 { errors.add("name", "error_field_too_long") }
        if !isEmail(email) { errors.add("email", "error_field_email") }
        errors.merge(password: password, confirmation: confirmation)
        return errors
    }
}

extension FieldErrors {
    public mutating func merge(password: String, confirmation: String) {
        if password.count < Validate.minimumPasswordLength { add("password", "error_field_password_short") }
        if password.count > 200 { add("password", "error_field_too_long") }
        if password != confirmation { add("confirmation", "error_field_password_mismatch") }
    }
}
