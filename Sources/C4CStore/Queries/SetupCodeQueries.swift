import C4CCore
import Foundation
import SQLKit

/// The one-time code that first-run setup asks for, so the first stranger to find `/admin/setup`
/// on a fresh deployment cannot make themselves administrator. `c4c serve` issues it and prints
/// it to its log; only its hash is stored, and creating the first account spends it.
public struct SetupCodeQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let key = "setup_code_hash"
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// A new code when the site has no user yet, replacing any earlier one; nil otherwise.
    public func issueIfNeeded() async throws -> String? {
        var generator = SystemRandomNumberGenerator()
        let letters = (0..<12).map { _ in Self.alphabet.randomElement(using: &generator)! }
        let code = stride(from: 0, to: 12, by: 4).map { String(letters[$0..<$0 + 4]) }.joined(separator: "-")
        return try await database.write { sql in
            guard try await sql.count("SELECT COUNT(*) AS n FROM users") == 0 else { return nil }
            try await sql.raw("""
                INSERT INTO settings (key, value) VALUES (\(bind: Self.key), \(bind: Tokens.hash(Self.normalise(code))))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """).run()
            return code
        }
    }

    /// Whether `code` is the one issued; spaces, dashes and case do not matter.
    public func matches(_ code: String) async throws -> Bool {
        let stored = try await database.read { sql in
            try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.key)").first()?.decode(column: "value", as: String.self)
        }
        guard let stored else { return false }
        return Tokens.equal(stored, Tokens.hash(Self.normalise(code)))
    }

    public enum SetupError: Error, Equatable {
        /// Somebody has set the site up already.
        case alreadySetUp
        case wrongCode
    }

    /// Creates the first administrator and spends the code, in one transaction, so two people
    /// racing through setup cannot both succeed.
    public func createFirstAdministrator(code: String, email: String, name: String, passwordHash: String, now: Date) async throws -> Int64 {
        try await database.write { sql in
            try await AccountLock.take(sql)
            guard try await sql.count("SELECT COUNT(*) AS n FROM users") == 0 else { throw SetupError.alreadySetUp }
            let stored = try await sql.raw("SELECT value FROM settings WHERE key = \(bind: Self.key)").first()?
                .decode(column: "value", as: String.self)
            guard let stored, Tokens.equal(stored, Tokens.hash(Self.normalise(code))) else { throw SetupError.wrongCode }
            try await sql.raw("DELETE FROM settings WHERE key = \(bind: Self.key)").run()
            let id = try await Inserter(sql).insert("users", [
                "email": email.lowercased(), "name": name, "password_hash": passwordHash, "role": Role.administrator.rawValue,
                "organisation_id": nil, "created_at": now.epochSeconds, "updated_at": now.epochSeconds,
            ])
            try await AuditQueries.record(sql, userID: id, action: "create", itemType: "user", itemID: id,
                                          summary: "\(name) <\(email.lowercased())> as administrator, through first-run setup", now: now)
            return id
        }
    }

    static func normalise(_ code: String) -> String {
        code.uppercased().filter { $0.isLetter || $0.isNumber }
    }
}
