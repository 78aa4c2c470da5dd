import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on NIO's thread pool so hashing (a quarter of a second at cost 12) never blocks an
/// event loop or a Swift concurrency thread.
enum PasswordHasher {
    static let cost: UInt8 = 12

    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends the same time as a real check when the account does not exist, so an unknown address
    /// and a wrong password cannot be told apart by how long the answer takes.
    static func verifyDecoy(_ password: String) async throws {
        _ = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: decoy) }
    }

    private static let decoy = Bcrypt.hash("decoy password, never valid", cost: cost)
}
