import Foundation

/// pg_dump and pg_restore, found on this machine and run against a `postgres://` address.
enum PostgresTools {
    struct Tool {
        let url: URL
        let majorVersion: Int
    }

    /// The newest copy of `name` on PATH or under /usr/lib/postgresql/*/bin, refused when it is
    /// older than the server: an older pg_dump cannot read a newer server's catalog.
    static func find(_ name: String, serverMajorVersion: Int) async throws -> Tool {
        var candidates: [URL] = []
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            candidates.append(URL(fileURLWithPath: String(directory)).appendingPathComponent(name))
        }
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        for version in installed {
            candidates.append(URL(fileURLWithPath: "/usr/lib/postgresql/\(version)/bin/\(name)"))
        }
        var found: [Tool] = []
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            if let major = try? await majorVersion(of: candidate) { found.append(Tool(url: candidate, majorVersion: major)) }
        }
        guard let newest = found.max(by: { $0.majorVersion < $1.majorVersion }) else {
            throw BackupError.toolMissing(name)
        }
        guard newest.majorVersion >= serverMajorVersion else {
            throw BackupError.toolTooOld(name, newest.url.path, tool: newest.majorVersion, server: serverMajorVersion)
        }
        return newest
    }

    /// 15 from "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)".
    static func majorVersion(of tool: URL) async throws -> Int {
        let result = try await ExternalTool.run(tool, ["--version"], environment: ProcessInfo.processInfo.environment)
        guard result.status == 0,
              let version = result.output.split(separator: ")").dropFirst().first?.split(separator: " ").first,
              let major = Int(version.split(separator: ".").first ?? "") else {
            throw BackupError.toolFailed(tool.lastPathComponent, result.errors)
        }
        return major
    }

    /// The address as libpq reads it, without the password (other users of the machine can read a
    /// process's arguments), and the environment that carries the password instead.
    static func connection(_ url: URL) -> (dbname: String, environment: [String: String]) {
        var environment = ProcessInfo.processInfo.environment
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false) ?? URLComponents()
        if let password = url.password?.removingPercentEncoding { environment["PGPASSWORD"] = password }
        components.password = nil
        components.scheme = "postgresql"
        // Only what libpq and the site both understand; libpq refuses parameters it does not know.
        let sslMode = components.queryItems?.first { $0.name == "sslmode" }
        components.queryItems = sslMode.map { [$0] }
        return (components.string ?? url.absoluteString, environment)
    }
}
