import Foundation

/// The rules of the mailing list that need no database: what an address is, which domains are
/// refused, and what a sign-up form must hold.
public enum MailingList {
    /// Addresses are compared and stored in lower case, so one person is one row.
    public static func normalised(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// The part after the `@`, lower case.
    public static func domain(of email: String) -> String {
        email.split(separator: "@").last.map { $0.lowercased() } ?? ""
    }

    /// Reads the editors' list, one domain per line; a leading `@` or `*.` is dropped, blank lines
    /// and lines starting with `#` are skipped. Returns the domains and the lines that are not domains.
    public static func blockedDomains(from text: String) -> (domains: [String], invalid: [String]) {
        var domains: [String] = [], invalid: [String] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            var line = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if line.hasPrefix("@") { line.removeFirst() }
            if line.hasPrefix("*.") { line.removeFirst(2) }
            if isDomain(line) {
                if !domains.contains(line) { domains.append(line) }
            } else {
                invalid.append(String(raw.trimmingCharacters(in: .whitespaces)))
            }
        }
        return (domains, invalid)
    }

    /// A host name of letters, digits and hyphens in dot-separated labels, with at least one dot.
    public static func isDomain(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, text.count <= 253 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        }
    }

    /// Whether an address's domain is on the list, or is a subdomain of one that is.
    public static func isBlocked(_ email: String, by domains: [String]) -> Bool {
        let domain = Self.domain(of: email)
        return domains.contains { domain == $0 || domain.hasSuffix("." + $0) }
    }

    public static let nameLimit = 200

    /// What a sign-up must hold: an address (not from a blocked domain) and, if given, a name of
    /// reasonable length.
    public static func signUpErrors(email: String, name: String, blockedDomains: [String]) -> FieldErrors {
        var errors = FieldErrors()
        if !Validate.isEmail(email) {
            errors.add("email", "error_field_email")
        } else if isBlocked(email, by: blockedDomains) {
            errors.add("email", "newsletter_error_blocked_domain")
        }
        if name.count > nameLimit { errors.add("name", "error_field_too_long") }
        return errors
    }
}

/// RFC 2369 and RFC 8058 headers that let a mail client unsubscribe the reader in one click.
public enum ListUnsubscribe {
    /// `List-Unsubscribe` with the https link (and a mailto address when one is given), and
    /// `List-Unsubscribe-Post`, which tells the client it may POST `List-Unsubscribe=One-Click` there.
    public static func headers(link: String, mailto: String? = nil) -> [String: String] {
        var value = "<\(link)>"
        if let mailto, !mailto.isEmpty { value += ", <mailto:\(mailto)?subject=unsubscribe>" }
        return ["List-Unsubscribe": value, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"]
    }

    /// The body a one-click POST carries.
    public static let field = "List-Unsubscribe"
    public static let value = "One-Click"
}
