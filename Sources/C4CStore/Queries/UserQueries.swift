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
                       language: Language = .default, actorID: Int64? = nil, now: Date) async throws -> Int64 {
        let normalised = email.trimmingCharacters(in: .whitespaces).lowercased()
        return try await database.write { sql in
            if try await sql.raw("SELECT id FROM users WHERE email = \(bind: normalised)").first() != nil {
                throw UserError.emailTaken(normalised)
            }
            if let organisationID, try await sql.count("SELECT COUNT(*) AS n FROM organisations WHERE id = \(bind: organisationID)") == 0 {
                throw UserError.unknownOrganisation
            }
            let id = try await Inserter(sql).insert("users", [
                "email": normalised, "name": name, "password_hash": passwordHash, "role": role.rawValue,
                "organisation_id": organisationID, "language": language.rawValue,
                "created_at": now.epochSeconds, "updated_at": now.epochSeconds,
            ])
            try await AuditQueries.record(sql, userID: actorID ?? id, action: "create", itemType: "user", itemID: id,
                                          summary: "\(name) <\(normalised)> as \(role.rawValue)", now: now)
            return id
        }
    }

    public struct Credentials: Sendable, RowDecodable {
        public var id: Int64
        public var passwordHash: String
        public var disabled: Bool

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            passwordHash = try row.decode(column: "password_hash")
            disabled = try row.decode(column: "disabled")
        }
    }

    public func credentials(email: String) async throws -> Credentials? {
        try await database.read { sql in
            try await sql.row("SELECT id, password_hash, disabled FROM users WHERE email = \(bind: email.trimmingCharacters(in: .whitespaces).lowercased())")
        }
    }

    public struct Summary: Sendable, RowDecodable {
        public var id: Int64
        public var email: String
        public var name: String
        public var role: String
        public var organisationId: Int64?
        public var organisationName: String?
        public var disabled: Bool
        public var language: String

        init(row: any SQLRow) throws {
            id = try row.decode(column: "id")
            email = try row.decode(column: "email")
            name = try row.decode(column: "name")
            role = try row.decode(column: "role")
            organisationId = try row.decode(column: "organisation_id")
            organisationName = try row.decode(column: "organisation_name")
            disabled = try row.decode(column: "disabled")
            language = try row.decode(column: "language")
        }
    }

    public func all() async throws -> [Summary] {
        try await database.read { sql in
            try await sql.rows("""
                SELECT u.id, u.email, u.name, u.role, u.organisation_id, o.name AS organisation_name, u.disabled, u.language FROM users u
                LEFT JOIN organisations o ON o.id = u.organisation_id ORDER BY u.name
                """)
        }
    }
}

public enum UserError: Error, CustomStringConvertible, Equatable {
    case emailTaken(String)
    case lastAdministrator
    case unknownOrganisation

    public var description: String {
        switch self {
        case .emailTaken(let email): "A user with the email \(email) already exists"
        case .lastAdministrator: "The site needs at least one active administrator"
        case .unknownOrganisation: "No such organisation"
        }
    }
}

/// Changes to an existing account, each audited, each keeping at least one active administrator.
extension UserQueries {
    public func summary(id: Int64) async throws -> Summary? {
        try await database.read { sql in
            try await sql.row("""
                SELECT u.id, u.email, u.name, u.role, u.organisation_id, o.name AS organisation_name, u.disabled, u.language FROM users u
                LEFT JOIN organisations o ON o.id = u.organisation_id WHERE u.id = \(bind: id)
                """)
        }
    }

    /// Sets a user's role and organisation (kept only for a focal point).
    public func change(id: Int64, role: Role, organisationID: Int64?, language: Language? = nil, actorID: Int64, now: Date) async throws {
        try await database.write { sql in
            try await Self.keepAnAdministrator(sql, changing: id, toRole: role, disabled: false)
            if let organisationID, role == .focalPoint,
               try await sql.count("SELECT COUNT(*) AS n FROM organisations WHERE id = \(bind: organisationID)") == 0 {
                throw UserError.unknownOrganisation
            }
            try await sql.raw("""
                UPDATE users SET role = \(bind: role.rawValue), organisation_id = \(bind: role == .focalPoint ? organisationID : nil),
                updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: id)
                """).run()
            if let language {
                try await sql.raw("UPDATE users SET language = \(bind: language.rawValue) WHERE id = \(bind: id)").run()
            }
            // A changed role takes effect on the next page: sessions read the role from the user row.
            try await AuditQueries.record(sql, userID: actorID, action: "update", itemType: "user", itemID: id,
                                          summary: "role \(role.rawValue)\(organisationID.map { ", organisation \($0)" } ?? "")", now: now)
        }
    }

    /// The language a user reads the back office in, chosen on their own account page.
    public func setLanguage(id: Int64, _ language: Language, now: Date) async throws {
        try await database.write { sql in
            try await sql.raw("UPDATE users SET language = \(bind: language.rawValue), updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: id)").run()
        }
    }

    /// Disables a user, ending their sessions at once, or enables them again.
    public func setDisabled(id: Int64, _ disabled: Bool, actorID: Int64, now: Date) async throws {
        try await database.write { sql in
            if disabled { try await Self.keepAnAdministrator(sql, changing: id, toRole: nil, disabled: true) }
            try await sql.raw("UPDATE users SET disabled = \(bind: disabled), updated_at = \(bind: now.epochSeconds) WHERE id = \(bind: id)").run()
            if disabled { try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: id)").run() }
            try await AuditQueries.record(sql, userID: actorID, action: disabled ? "disable" : "enable", itemType: "user", itemID: id,
                                          summary: disabled ? "Disabled; sessions ended" : "Enabled", now: now)
        }
    }

    /// Refuses a change that would leave no active administrator. On PostgreSQL two such changes
    /// are serialised by a lock, or two administrators demoting each other could both pass.
    static func keepAnAdministrator(_ sql: any SQLDatabase, changing id: Int64, toRole role: Role?, disabled: Bool) async throws {
        guard disabled || role != .administrator else { return }
        try await AccountLock.take(sql)
        let others = try await sql.count("""
            SELECT COUNT(*) AS n FROM users WHERE role = 'administrator' AND disabled = FALSE AND id <> \(bind: id)
            """)
        if others == 0 { throw UserError.lastAdministrator }
    }
}
