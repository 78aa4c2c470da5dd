import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite with the discipline sqlite-nio leaves to us: WAL, `synchronous=NORMAL`, foreign keys,
/// a busy timeout instead of a spinning handler; one writer connection and a few readers.
public final class SQLiteEngine: Database {
    public let engine = Engine.sqlite
    /// A file on this machine: it does not go away the way a server does.
    public let isAvailable = true
    private let writer: SQLiteConnection
    private let readers: [SQLiteConnection]
    private let nextReader = Atomic<Int>(0)
    private let writeLock = AsyncLock()
    private let writerWaits = ConnectionWaitCounter()
    private let path: String
    private let logger: Logger
    /// SQLite's statements block the thread they run on (a busy wait, a long scan), so this
    /// database has threads of its own, one per connection and one for a snapshot, instead of
    /// sqlite-nio's default, NIO's shared pool of one thread per core, where a sign-in's bcrypt
    /// (also run there) held every page's queries behind it.
    private let threads: NIOThreadPool

    /// Reads never wait (each takes the next reader); writes wait for the one writer.
    public var connectionWaits: ConnectionWaits { writerWaits.current }

    private init(writer: SQLiteConnection, readers: [SQLiteConnection], path: String, logger: Logger, threads: NIOThreadPool) {
        self.writer = writer
        self.readers = readers
        self.path = path
        self.logger = logger
        self.threads = threads
    }

    public static func open(path: String, readerCount: Int = 4, logger: Logger) async throws -> SQLiteEngine {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var opened: [SQLiteConnection] = []
        let threads = NIOThreadPool(numberOfThreads: readerCount + 2)
        threads.start()
        do {
            for _ in 0...readerCount {
                opened.append(try await connect(path: path, logger: logger, threads: threads))
                if opened.count == 1 {
                    try await opened[0].sql(queryLogLevel: nil).raw("PRAGMA journal_mode=WAL").run()
                }
            }
        } catch {
            // sqlite-nio traps when a connection is released unclosed.
            for connection in opened { try? await connection.close() }
            try? await threads.shutdownGracefully()
            throw error
        }
        return SQLiteEngine(writer: opened[0], readers: Array(opened.dropFirst()), path: path, logger: logger, threads: threads)
    }

    private static func connect(path: String, logger: Logger, threads: NIOThreadPool) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger,
                                                         on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            let sql = connection.sql(queryLogLevel: nil)
            try await sql.raw("PRAGMA busy_timeout=5000").run()
            try await sql.raw("PRAGMA foreign_keys=ON").run()
            try await sql.raw("PRAGMA synchronous=NORMAL").run()
            // 8 MB of pages a connection instead of SQLite's 2 MB: at 50,000 resources a search read
            // its index pages back from the operating system with a system call each (15% of its time).
            try await sql.raw("PRAGMA cache_size=-8192").run()
        } catch {
            // In a task of its own: a cancelled task's close would be skipped, like its ROLLBACK.
            try? await Task { try await connection.close() }.value
            throw error
        }
        return connection
    }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let index = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        return try await body(readers[index % readers.count].sql(queryLogLevel: nil))
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let sql = writer.sql(queryLogLevel: nil)
        let asked = ContinuousClock.now
        return try await writeLock.withLock {
            writerWaits.record(ContinuousClock.now - asked)
            return try await Transaction.run(on: sql, begin: "BEGIN IMMEDIATE") { try await body(sql) }
        }
    }

    /// On a connection opened for the snapshot and closed after it, not on a reader: concurrent
    /// reads share readers, so a transaction begun on one would hold every read that lands there
    /// at its old instant, and a second snapshot there would fail to begin (and its ROLLBACK end
    /// the first). Snapshots are rare (exports); opening a connection costs a millisecond.
    public func readSnapshot<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await Self.connect(path: path, logger: logger, threads: threads)
        let sql = connection.sql(queryLogLevel: nil)
        do {
            try await sql.raw("PRAGMA query_only=ON").run()
            let result = try await Transaction.run(on: sql, begin: "BEGIN") { try await body(sql) }
            try await Task { try await connection.close() }.value
            return result
        } catch {
            // Closed even when cancelled: sqlite-nio traps when a connection is released unclosed.
            try? await Task { try await connection.close() }.value
            throw error
        }
    }

    /// A file on this machine is asked without a limit.
    public func ping(within limit: Duration) async -> Bool {
        do {
            try await read { sql in try await sql.raw("SELECT 1").run() }
            return true
        } catch {
            return false
        }
    }

    public func close() async throws {
        for reader in readers { try await reader.close() }
        try await writer.close()
        try await threads.shutdownGracefully()
    }
}
