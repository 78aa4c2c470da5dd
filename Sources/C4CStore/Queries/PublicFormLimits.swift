import C4CCore
import Foundation
import SQLKit

/// How many accepted posts one client address may make to a public form in a window. Only posts
/// that would store something or send mail count: a refused form costs us nothing, so it is not
/// counted, and leaves nothing behind. Rows older than the window are purged by the next post, so
/// an address is kept for an hour at most.
public struct PublicFormLimit: Sendable {
    public var form: String
    public var perAddress: Int
    public var window: TimeInterval

    public init(form: String, perAddress: Int, window: TimeInterval = 3600) {
        self.form = form
        self.perAddress = perAddress
        self.window = window
    }

    public static let newsletter = PublicFormLimit(form: "newsletter", perAddress: 20)
    public static let contact = PublicFormLimit(form: "contact", perAddress: 10)

    /// Inside the caller's write transaction: false when the address has reached the limit;
    /// otherwise records this post and returns true. On PostgreSQL a transaction lock makes the
    /// count and the record one step, so simultaneous posts cannot all slip under the limit.
    func admit(_ sql: any SQLDatabase, engine: Engine, address: String, now: Date) async throws -> Bool {
        if engine == .postgres {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: Self.lockKey))").run()
        }
        let since = now.addingTimeInterval(-window).epochSeconds
        try await sql.raw("DELETE FROM public_form_posts WHERE form = \(bind: form) AND posted_at <= \(bind: since)").run()
        let posted = try await sql.count("""
            SELECT COUNT(*) AS n FROM public_form_posts WHERE form = \(bind: form) AND address = \(bind: address)
            """)
        guard posted < perAddress else { return false }
        try await Inserter(sql).insert("public_form_posts", ["form": form, "address": address, "posted_at": now.epochSeconds])
        return true
    }

    private static let lockKey = 4_242_017
}
