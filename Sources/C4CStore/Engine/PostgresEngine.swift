import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// PostgreSQL through PostgresNIO's `PostgresClient` pool; postgres-kit supplies the SQLKit
/// dialect.
///
/// Left alone, the pool keeps a request waiting for a connection until its circuit breaker trips
/// (15 s and more) and, once the server has gone, backs off up to a minute between attempts, so
/// pages hung during an outage and came back seconds after the server did. Here, when a request
/// has waited `leaseTimeout` for a connection, a connection of its own is tried: refused twice (or
/// no answer within 15 s) means the server is away. The outage is then declared and logged once,
/// the pool is shut down so every request still waiting fails at once, and later requests fail
/// immediately with `DatabaseUnavailable`. A server that answers is merely busy, and its requests
/// keep waiting. A fresh pool is tried every quarter second; the first that answers takes over
/// and the end of the outage is logged once.
public final class PostgresEngine: Database {
    public let engine = Engine.postgres
    private let configuration: PostgresClient.Configuration
    /// For a single connection that says whether the server is there at all.
    private let probeConfiguration: PostgresConnection.Configuration
    private let logger: Logger
    private let leaseTimeout: Duration
    private let state: Mutex<State>

    struct Pool: Sendable {
        let client: PostgresClient
        let run: Task<Void, Never>
    }

    struct State: Sendable {
        /// The pool requests lease from; nil during an outage.
        var pool: Pool?
        var outageStarted: ContinuousClock.Instant?
        var recovery: Task<Void, Never>?
        var watchdog: Task<Void, Never>?
        /// When the server was last asked whether it is there, while requests were waiting.
        var lastProbe: ContinuousClock.Instant?
        var closed = false
        /// Requests waiting for a connection, by number, with the moment they began to wait.
        var waiting: [Int: ContinuousClock.Instant] = [:]
        var lastWait = 0
    }

    private init(configuration: PostgresClient.Configuration, probeConfiguration: PostgresConnection.Configuration,
                 pool: Pool, leaseTimeout: Duration, logger: Logger) {
        self.configuration = configuration
        self.probeConfiguration = probeConfiguration
        self.leaseTimeout = leaseTimeout
        self.logger = logger
        self.state = Mutex(State(pool: pool))
    }

    /// Opens a pool and checks the server answers. `leaseTimeout` is how long a request may wait
    /// for a connection, and also the pool's TCP connect timeout.
    public static func open(url: URL, maximumConnections: Int = 20, leaseTimeout: Duration = .seconds(2),
                            logger: Logger) async throws -> PostgresEngine {
        var configuration = try configuration(from: url)
        configuration.options.maximumConnections = maximumConnections
        configuration.options.connectTimeout = leaseTimeout
        var probeConfiguration = try probeConfiguration(from: url)
        probeConfiguration.options.connectTimeout = .nanoseconds(leaseTimeout.components.seconds * 1_000_000_000
                                                                  + leaseTimeout.components.attoseconds / 1_000_000_000)
        let engine = PostgresEngine(configuration: configuration, probeConfiguration: probeConfiguration,
                                    pool: await startPool(configuration, logger: logger), leaseTimeout: leaseTimeout, logger: logger)
        engine.startWatchdog()
        do {
            try await engine.read { try await $0.raw("SELECT 1").run() }
        } catch {
            try? await engine.close()
            throw error
        }
        return engine
    }

    /// Starts a pool's run loop and returns once it is entering it, so the first lease does not
    /// race it. The pool logs each failed connection attempt at `info`, and a lease that beats
    /// its run loop by a hair at `warning`: during an outage, with a fresh pool tried four times a
    /// second, that is several lines a second. So it logs errors only; the outage itself is
    /// logged here, once when it starts and once when it ends.
    private static func startPool(_ configuration: PostgresClient.Configuration, logger: Logger) async -> Pool {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: configuration, backgroundLogger: quiet)
        let (started, signal) = AsyncStream<Void>.makeStream()
        let task = Task {
            signal.finish()
            await client.run()
        }
        for await _ in started {}
        return Pool(client: client, run: task)
    }

    /// What `DATABASE_URL` says: server, account, database and how to use TLS.
    struct Address {
        enum TLSMode { case disable, prefer, require }
        let host: String
        let port: Int
        let username: String
        let password: String?
        let database: String?
        let tls: TLSMode

        init(_ url: URL) throws {
            guard let host = url.host else { throw DatabaseLocationError.unreadable(url.absoluteString) }
            let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
            let sslMode = components?.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
            self.host = host
            port = url.port ?? 5432
            username = url.user?.removingPercentEncoding ?? "postgres"
            password = url.password?.removingPercentEncoding
            database = url.path.split(separator: "/").first.map(String.init)
            tls = switch sslMode {
            case "disable": .disable
            case "require", "verify-ca", "verify-full": .require
            default: host == "localhost" || host.hasPrefix("127.") ? .disable : .prefer
            }
        }
    }

    static func configuration(from url: URL) throws -> PostgresClient.Configuration {
        let address = try Address(url)
        let tls: PostgresClient.Configuration.TLS = switch address.tls {
        case .disable: .disable
        case .require: .require(.makeClientConfiguration())
        case .prefer: .prefer(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(host: address.host, port: address.port, username: address.username,
                                            password: address.password, database: address.database, tls: tls)
    }

    static func probeConfiguration(from url: URL) throws -> PostgresConnection.Configuration {
        let address = try Address(url)
        let tls: PostgresConnection.Configuration.TLS = switch address.tls {
        case .disable: .disable
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        return PostgresConnection.Configuration(host: address.host, port: address.port, username: address.username,
                                                password: address.password, database: address.database, tls: tls)
    }

    public var isAvailable: Bool { state.withLock { $0.pool != nil } }

    private let waits = ConnectionWaitCounter()
    public var connectionWaits: ConnectionWaits { waits.current }

    public func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let (client, wait) = try beginWaiting()
        do {
            return try await client.withConnection { connection in
                self.endWaiting(wait)
                return try await body(connection.sql(queryLogLevel: nil))
            }
        } catch {
            throw failure(error, wait: wait)
        }
    }

    public func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let (client, wait) = try beginWaiting()
        do {
            return try await client.withTransaction(logger: logger) { connection in
                self.endWaiting(wait)
                return try await body(connection.sql(queryLogLevel: nil))
            }
        } catch let error as PostgresTransactionError {
            // Callers see their own error, as on SQLite, once the rollback has succeeded.
            if let closureError = error.closureError, error.rollbackError == nil { throw failure(closureError, wait: wait) }
            throw failure(error, wait: wait)
        } catch {
            throw failure(error, wait: wait)
        }
    }

    /// False at once during an outage. When no connection has come within `limit`, a connection
    /// of its own is tried: refused, the answer is false; otherwise the server is merely busy and
    /// the answer waits for `SELECT 1`, up to five seconds more.
    public func ping(within limit: Duration) async -> Bool {
        guard let (client, wait) = try? beginWaiting() else { return false }
        return await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                do {
                    try await client.withConnection { connection in
                        self.endWaiting(wait)
                        try await connection.sql(queryLogLevel: nil).raw("SELECT 1").run()
                    }
                    return true
                } catch {
                    self.endWaiting(wait)
                    return false
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            var extended = false
            while let outcome = await group.next() {
                if let answered = outcome {
                    group.cancelAll()
                    return answered
                }
                guard self.isWaiting(wait), !extended else { continue }
                if let failure = await connectionFails(within: .milliseconds(250)), !failure.timedOut {
                    group.cancelAll()
                    return false
                }
                extended = true
                group.addTask {
                    try? await Task.sleep(for: .seconds(5))
                    return false
                }
            }
            return false
        }
    }

    public func close() async throws {
        let (pool, recovery, watchdog) = state.withLock { state in
            state.closed = true
            defer { (state.pool, state.recovery, state.watchdog) = (nil, nil, nil) }
            return (state.pool, state.recovery, state.watchdog)
        }
        watchdog?.cancel()
        recovery?.cancel()
        await recovery?.value
        pool?.run.cancel()
        if let run = pool?.run, !(await Self.finishes(run, within: .seconds(10))) {
            logger.warning("The PostgreSQL connection pool did not finish within 10 s of being closed; going on without it.")
        }
    }

    /// Whether a cancelled task ends within the time given. Closing waits for the pool to end, but
    /// not for ever: a clean-clone PostgreSQL test pass once sat idle with every connection closed,
    /// its runner still waiting, and a shutdown must not hang on the pool either.
    private static func finishes(_ task: Task<Void, Never>, within limit: Duration) async -> Bool {
        let outcome = Mutex<CheckedContinuation<Bool, Never>?>(nil)
        return await withCheckedContinuation { continuation in
            outcome.withLock { $0 = continuation }
            let finish = { @Sendable (finished: Bool) in outcome.withLock { $0.take() }?.resume(returning: finished) }
            Task { await task.value; finish(true) }
            Task { try? await Task.sleep(for: limit); finish(false) }
        }
    }

    // MARK: Waiting for a connection, and outages

    private func beginWaiting() throws -> (PostgresClient, Int) {
        let lease: (PostgresClient, Int)? = state.withLock { state in
            guard let pool = state.pool else { return nil }
            state.lastWait += 1
            state.waiting[state.lastWait] = .now
            return (pool.client, state.lastWait)
        }
        guard let lease else { throw DatabaseUnavailable("PostgreSQL is not answering; an outage is under way") }
        return lease
    }

    /// Marks a request as served with a connection; true when it was still waiting for one.
    @discardableResult
    private func endWaiting(_ wait: Int) -> Bool {
        guard let began = state.withLock({ $0.waiting.removeValue(forKey: wait) }) else { return false }
        waits.record(ContinuousClock.now - began)
        return true
    }

    private func isWaiting(_ wait: Int) -> Bool {
        state.withLock { $0.waiting[wait] != nil }
    }

    /// What a caller sees of a failure: their own error, or `DatabaseUnavailable` when no
    /// connection came or the server went away mid-query.
    private func failure(_ error: any Error, wait: Int) -> any Error {
        let wasWaiting = endWaiting(wait)
        if error is DatabaseUnavailable { return error }
        if wasWaiting { return DatabaseUnavailable("no connection: \(String(reflecting: error))") }
        if Self.meansUnreachable(error) { return DatabaseUnavailable(String(reflecting: error)) }
        return error
    }

    /// Errors that say the server is gone or going, rather than that a statement was refused.
    static func meansUnreachable(_ error: any Error) -> Bool {
        if let error = error as? PostgresTransactionError {
            return [error.beginError, error.closureError, error.commitError, error.rollbackError]
                .contains { $0.map(meansUnreachable) ?? false }
        }
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown, .poolClosed:
            return true
        case .server:
            // 08: connection exceptions; 57P01–57P03: the server is shutting down or starting up.
            let code = error.serverInfo?[.sqlState] ?? ""
            return code.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(code)
        default:
            return false
        }
    }

    /// Ten times a second: when a request has waited `leaseTimeout` for a connection, asks the
    /// server directly whether it is there (at most once per `leaseTimeout`).
    private func startWatchdog() {
        let limit = leaseTimeout
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                guard let self else { return }
                let now = ContinuousClock.now
                let ask = self.state.withLock { state in
                    guard state.pool != nil, state.waiting.values.contains(where: { now - $0 > limit }),
                          state.lastProbe.map({ now - $0 > limit }) ?? true else { return false }
                    state.lastProbe = now
                    return true
                }
                if ask, let reason = await self.serverAway(within: .seconds(15)) {
                    self.declareOutage("no connection within \(limit); a new one: \(reason)")
                }
            }
        }
        state.withLock { $0.watchdog = task }
    }

    /// Whether the server is away, and why: a connection of its own is refused, cut or told the
    /// server is shutting down, twice a quarter second apart (one refusal can be a full listen
    /// queue on a loaded machine), or gets no answer in `limit`. A server that answers, or refuses
    /// with an error of its own (too many connections, say), is there: its requests keep waiting.
    private func serverAway(within limit: Duration) async -> String? {
        guard let first = await connectionFails(within: limit) else { return nil }
        if first.timedOut { return first.reason }
        try? await Task.sleep(for: .milliseconds(250))
        return await connectionFails(within: limit) == nil ? nil : first.reason
    }

    private func connectionFails(within limit: Duration) async -> (reason: String, timedOut: Bool)? {
        let configuration = probeConfiguration
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .error)
        let logger = quiet
        return await withTaskGroup(of: (String, Bool)??.self) { group in
            group.addTask {
                do {
                    let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
                    defer { Task { try? await connection.close() } }
                    _ = try await connection.query("SELECT 1", logger: logger)
                    return .some(nil)
                } catch let error as PSQLError where error.code == .server && !Self.meansUnreachable(error) {
                    return .some(nil)
                } catch {
                    return .some((String(reflecting: error), false))
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return .some(("no answer to a new connection within \(limit)", true))
            }
            let outcome = await group.next() ?? nil
            group.cancelAll()
            return outcome.flatMap { $0 }.map { (reason: $0.0, timedOut: $0.1) }
        }
    }

    private func declareOutage(_ reason: String) {
        let dropped: Pool? = state.withLock { state in
            guard !state.closed, let pool = state.pool else { return nil }
            state.pool = nil
            state.outageStarted = .now
            state.recovery = Task { [weak self] in await self?.recover() }
            return pool
        }
        guard let dropped else { return }
        logger.error("PostgreSQL unavailable (\(reason)): answering 503, serving cached pages stale, until it answers again")
        // Shutting the pool down fails every request still waiting for one of its connections.
        dropped.run.cancel()
    }

    /// Tries a fresh pool every quarter second; installs the first that answers.
    private func recover() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(250))
            if Task.isCancelled { return }
            let candidate = await Self.startPool(configuration, logger: logger)
            if await Self.answers(candidate.client, within: leaseTimeout) {
                let started: ContinuousClock.Instant? = state.withLock { state in
                    guard !state.closed else { return nil }
                    state.pool = candidate
                    state.recovery = nil
                    defer { state.outageStarted = nil }
                    return state.outageStarted ?? .now
                }
                if let started {
                    let outage = (ContinuousClock.now - started).components
                    let seconds = Double(outage.seconds) + Double(outage.attoseconds) / 1e18
                    logger.notice("PostgreSQL available again, \(String(format: "%.1f", seconds)) s after the outage was noticed")
                    return
                }
            }
            candidate.run.cancel()
            await candidate.run.value
        }
    }

    private static func answers(_ client: PostgresClient, within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                (try? await client.withConnection { try await $0.sql(queryLogLevel: nil).raw("SELECT 1").run() }) != nil
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let answered = await group.next() ?? false
            group.cancelAll()
            return answered
        }
    }
}
