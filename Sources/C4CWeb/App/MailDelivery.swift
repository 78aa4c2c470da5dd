import C4CCore
import C4CStore
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Hands one message to the outside world and says what became of it.
public protocol MailTransport: Sendable {
    func send(_ message: MailMessage, outboxID: Int64) async throws -> MailQueries.Outcome
}

/// A transport's word that the receiving server refused this message for good (a 5xx to its
/// recipient or its content): trying again cannot help, so it is marked failed at once.
public struct MailRefused: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

/// Writes each message as an `.eml` file in a folder: the default for development, and handy
/// for tests. Nothing has been sent, so the outbox records `written`.
public struct FolderMailTransport: MailTransport {
    let directory: URL

    public init(directory: URL) { self.directory = directory }

    public func send(_ message: MailMessage, outboxID: Int64) async throws -> MailQueries.Outcome {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(message.text.utf8).write(to: directory.appendingPathComponent("\(outboxID).eml"), options: .atomic)
        return .written
    }
}

/// Delivers the outbox in the background: every few seconds, every message that is due. Each
/// instance claims messages under its own worker id before sending, so instances sharing a
/// database never send one twice. A failure leaves the message in the outbox for a later try;
/// nothing is lost and no request waits.
public struct MailDelivery: Service {
    let mail: MailQueries
    let transport: any MailTransport
    let from: @Sendable () async -> String
    /// The right part of every Message-ID: the host of the site's public address.
    let host: String
    let clock: WallClock
    let interval: Duration
    let batchSize: Int
    let worker = Tokens.random(bytes: 12)
    let logger: Logger
    /// At most this many messages a minute from this instance (`C4C_MAIL_PER_MINUTE`), for a
    /// relay that limits its senders; nil sends as fast as the server takes them.
    let perMinute: Int?
    /// How a paced worker waits between two messages; tests record the waits instead.
    let pause: @Sendable (Duration) async -> Void
    private let lastSend = LastSend()

    public init(mail: MailQueries, transport: any MailTransport, from: @escaping @Sendable () async -> String, publicURL: String,
                clock: WallClock, interval: Duration = .seconds(5), batchSize: Int = 20, perMinute: Int? = nil,
                pause: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) }, logger: Logger) {
        self.mail = mail
        self.transport = transport
        self.from = from
        self.host = URL(string: publicURL)?.host ?? "localhost"
        self.clock = clock
        self.interval = interval
        self.batchSize = batchSize
        self.perMinute = perMinute.flatMap { $0 > 0 ? $0 : nil }
        self.pause = pause
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await deliverDue()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Claims and delivers what is due now, batch after batch until none is left; returns how
    /// many messages went out (sent or written).
    @discardableResult
    public func deliverDue() async -> Int {
        var delivered = 0
        do {
            let sender = await from()
            while !Task.isCancelled {
                // A paced batch is sent within half of its claim's ten-minute lease.
                let limit = perMinute.map { min(batchSize, $0 * 5) } ?? batchSize
                let batch = try await mail.claim(worker: worker, now: clock.now, limit: limit)
                if batch.isEmpty { break }
                for message in batch {
                    await keepPace()
                    // Shutting down: what is left of the batch goes out once its claim runs out.
                    if Task.isCancelled { break }
                    do {
                        let outcome = try await transport.send(compose(message, from: sender), outboxID: message.id)
                        try await mail.markDelivered(id: message.id, outcome: outcome, now: clock.now)
                        delivered += 1
                    } catch let refused as MailRefused {
                        logger.warning("Mail refused by the server; not retried", metadata: ["id": "\(message.id)", "error": "\(refused)"])
                        try await mail.markFailed(id: message.id, attempts: message.attempts, error: refused.description, now: clock.now,
                                                  permanent: true)
                    } catch {
                        logger.warning("Mail delivery failed; will retry", metadata: ["id": "\(message.id)", "error": "\(error)"])
                        try await mail.markFailed(id: message.id, attempts: message.attempts, error: "\(error)", now: clock.now)
                    }
                }
            }
        } catch is DatabaseUnavailable {
            // The database engine logs an outage once; the next tick tries again.
        } catch {
            logger.error("Mail outbox unavailable", metadata: ["error": "\(error)"])
        }
        return delivered
    }

    /// Waits until a minute's share has passed since this instance's previous message.
    private func keepPace() async {
        guard let perMinute else { return }
        let gap = Duration.seconds(60) / perMinute
        if let last = lastSend.instant.withLock({ $0 }), ContinuousClock.now - last < gap {
            await pause(gap - (ContinuousClock.now - last))
        }
        lastSend.instant.withLock { $0 = ContinuousClock.now }
    }

    private final class LastSend: Sendable {
        let instant = Mutex<ContinuousClock.Instant?>(nil)
    }

    func compose(_ message: MailQueries.Message, from sender: String) -> MailMessage {
        let extra = (try? JSONDecoder().decode([String: String].self, from: Data(message.headers.utf8))) ?? [:]
        return MailMessage(from: .init(address: sender), to: .init(address: message.toAddress), subject: message.subject,
                           date: clock.now, uniqueID: "outbox-\(message.id).\(message.createdAt)", host: host,
                           headers: extra, body: message.bodyText, html: message.bodyHTML.isEmpty ? nil : message.bodyHTML,
                           attachments: message.attachments)
    }
}
