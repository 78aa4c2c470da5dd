import C4CCore
import Foundation
import SQLKit

public enum Role: String, Sendable, CaseIterable {
    case administrator, editor
    case focalPoint = "focal_point"
}

public struct UserQueries: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public func count() async throws -> Int {
        try await database.read { sql in
            try await sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// Creates a user; the caller hashes the password. Fails when the email is taken.
    @discardableResult
    public func create(email: String, name: String, passwordHash: String, role: Role, now: Date) async throws -> Int64 {
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await database.write { sql in
            if try await sql.raw("SELECT id FROM users WHERE email = \(bind: normalised)").first() != nil {
                throw UserError.emailTaken(normalised)
            }
            return try await Inserter(sql).insert("users", [
                "email": normalised, "name": name, "password_hash": passwordHash, "role": role.rawValue,
                "created_at": now.epochSeconds, "updated_at": now.epochSeconds,
            ])
        }
    }

    public func passwordHash(email: String) async throws -> String? {
        try await database.read { sql in
            try await sql.raw("SELECT password_hash FROM users WHERE email = \(bind: email.lowercased())")
                .first()?.decode(column: "password_hash", as: String.self)
        }
    }
}

public enum UserError: Error, CustomStringConvertible, Equatable {
    case emailTaken(String)

    public var description: String {
        switch self {
        case .emailTaken(let email): "A user with the email \(email) already exists"
        }
    }
}
