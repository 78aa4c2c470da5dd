import ArgumentParser
import C4CStore
import Foundation
import HummingbirdBcrypt

struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create an administrator. The password is read from C4C_ADMIN_PASSWORD or standard input."
    )

    @Option(help: "The administrator's email address.") var email: String
    @Option(help: "The administrator's name.") var name = "Administrator"

    func run() async throws {
        guard email.contains("@"), email.count <= 254 else { throw ValidationError("--email must be an email address") }
        let password = ProcessInfo.processInfo.environment["C4C_ADMIN_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
        guard password.count >= 12 else { throw ValidationError("The password must have at least 12 characters") }
        // A command-line tool may block its own thread while hashing.
        let hash = Bcrypt.hash(password, cost: 12)
        try await withDatabase { database in
            try await Migrator(database: database).migrate()
            try await UserQueries(database: database).create(email: email, name: name, passwordHash: hash, role: .administrator, now: Date())
            print("Created administrator \(email.lowercased()).")
        }
    }
}
