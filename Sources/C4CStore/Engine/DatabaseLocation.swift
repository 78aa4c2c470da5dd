import Foundation

/// Where the data lives, read from `DATABASE_URL`: `postgres://user:pass@host:5432/db`,
/// `sqlite:///absolute/path.sqlite` or `sqlite://relative/path.sqlite`; `c4c.sqlite` in the
/// working directory when unset.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: URL)

    public static let defaultSQLite = DatabaseLocation.sqlite(path: "c4c.sqlite")

    public init(databaseURL: String?) throws {
        guard let raw = databaseURL?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else {
            self = .defaultSQLite
            return
        }
        if raw.hasPrefix("sqlite://") {
            let path = String(raw.dropFirst("sqlite://".count))
            guard !path.isEmpty, path != "/" else { throw DatabaseLocationError.missingPath(raw) }
            self = .sqlite(path: path)
        } else if raw.hasPrefix("postgres://") || raw.hasPrefix("postgresql://") {
            guard let url = URL(string: raw), url.host != nil else { throw DatabaseLocationError.unreadable(raw) }
            self = .postgres(url: url)
        } else {
            throw DatabaseLocationError.unknownScheme(raw)
        }
    }

    /// Without the password, for logs.
    public var description: String {
        switch self {
        case .sqlite(let path): "SQLite at \(path)"
        case .postgres(let url): "PostgreSQL at \(url.host ?? "?"):\(url.port ?? 5432)\(url.path)"
        }
    }
}

public enum DatabaseLocationError: Error, CustomStringConvertible {
    case missingPath(String), unreadable(String), unknownScheme(String)

    public var description: String {
        switch self {
        case .missingPath: "DATABASE_URL names no SQLite file: use sqlite:///absolute/path.sqlite or sqlite://relative/path.sqlite"
        case .unreadable: "DATABASE_URL is not a readable postgres:// address"
        case .unknownScheme: "DATABASE_URL must start with postgres://, postgresql:// or sqlite://"
        }
    }
}
