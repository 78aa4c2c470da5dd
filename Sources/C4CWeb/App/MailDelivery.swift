import C4CCore
import C4CStore
import Foundation
import Logging
import ServiceLifecycle

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

    public init(mail: MailQueries, transport: any MailTransport, from: @escaping @Sendable () async -> String, publicURL: String,
                clock: WallClock, interval: Duration = .seconds(5), batchSize: Int = 20, logger: Logger) {
        self.mail = mail
        self.transport = transport
        self.from = from
        self.host = URL(string: publicURL)?.host ?? "localhost"
        self.clock = clock
        self.interval = interval
        self.batchSize = batchSize
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
                let batch = try await mail.claim(worker: worker, now: clock.now, limit: batchSize)
                if batch.isEmpty { break }
                for message in batch {
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

    func compose(_ message: MailQueries.Message, from sender: String) -> MailMessage {
        let extra = (try? JSONDecoder().decode([String: String].self, from: Data(message.headers.utf8))) ?? [:]
        return MailMessage(from: .init(address: sender), to: .init(address: message.toAddress), subject: message.subject,
                           date: clock.now, uniqueID: "outbox-\(message.id).\(message.createdAt)", host: host,
                           headers: extra, body: message.bodyText, html: message.bodyHTML.isEmpty ? nil : message.bodyHTML,
                           attachments: message.attachments)
    }
}
