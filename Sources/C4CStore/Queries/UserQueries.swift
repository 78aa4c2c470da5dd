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
    public func create(email: String, name: String, passwordHash: String, role: Role, organisationID: Int64? = nil,
                       actorID: Int64? = nil, now: Date) async throws -> Int64 {
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await database.write { sql in
            if try await sql.raw("SELECT id FROM users WHERE email = \(bind: normalised)").first() != nil {
                throw UserError.emailTaken(normalised)
            }
            let id = try await Inserter(sql).insert("users", [
                "email": normalised, "name": name, "password_hash": passwordHash, "role": role.rawValue,
                "organisation_id": organisationID, "created_at": now.epochSeconds, "updated_at": now.epochSeconds,
            ])
            try await AuditQueries.record(sql, userID: actorID ?? id, action: "create", itemType: "user", itemID: id,
                                          summary: "\(name) <\(normalised)> as \(role.rawValue)", now: now)
            return id
        }
    }

    public struct Credentials: Sendable, Decodable {
        public var id: Int64
        public var passwordHash: String
        public var disabled: Bool
    }

    public func credentials(email: String) async throws -> Credentials? {
        try await database.read { sql in
            try await sql.row("SELECT id, password_hash, disabled FROM users WHERE email = \(bind: email.trimmingCharacters(in: .whitespaces).lowercased())")
        }
    }

    public struct Summary: Sendable, Decodable {
        public var id: Int64
        public var email: String
        public var name: String
        public var role: String
        public var organisationName: String?
        public var disabled: Bool
    }

    public func all() async throws -> [Summary] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT u.id, u.email, u.name, u.role, o.name AS organisation_name, u.disabled FROM users u
                LEFT JOIN organisations o ON o.id = u.organisation_id ORDER BY u.name
                """)
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
