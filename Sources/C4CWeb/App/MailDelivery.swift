import C4CCore
import C4CStore
import Foundation
import Logging
import ServiceLifecycle

/// Hands one message to the outside world.
public protocol MailTransport: Sendable {
    func send(_ message: MailQueries.Message, from: String) async throws
}

/// Writes each message as an `.eml` file in a folder: the transport until SMTP arrives, and a
/// handy one for development and tests.
public struct FolderMailTransport: MailTransport {
    let directory: URL

    public init(directory: URL) { self.directory = directory }

    public func send(_ message: MailQueries.Message, from: String) async throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let extra = (try? JSONDecoder().decode([String: String].self, from: Data(message.headers.utf8))) ?? [:]
        var lines = [
            "From: \(Self.clean(from))", "To: \(Self.clean(message.toAddress))", "Subject: \(Self.encodedWord(message.subject))",
            "Date: \(Date().formatted(.dateTime.locale(Locale(identifier: "en_US_POSIX"))))",
            "Message-ID: <outbox-\(message.id)@c4c>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        lines += extra.keys.sorted().map { "\(Self.clean($0)): \(Self.clean(extra[$0]!))" }
        let text = lines.joined(separator: "\r\n") + "\r\n\r\n" + message.bodyText.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        try Data(text.utf8).write(to: directory.appendingPathComponent("\(message.id).eml"), options: .atomic)
    }

    /// No header value may carry a line break: it would start a header of its own.
    static func clean(_ value: String) -> String {
        value.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// RFC 2047 for a subject that is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        let value = clean(text)
        return value.allSatisfy(\.isASCII) ? value : "=?utf-8?B?\(Data(value.utf8).base64EncodedString())?="
    }
}

/// Delivers the outbox in the background: every few seconds, every message that is due. A
/// failure leaves the message in the outbox for a later try; nothing is lost and no request waits.
public struct MailDelivery: Service {
    let mail: MailQueries
    let transport: any MailTransport
    let from: @Sendable () async -> String
    let clock: WallClock
    let interval: Duration
    let logger: Logger

    public init(mail: MailQueries, transport: any MailTransport, from: @escaping @Sendable () async -> String, clock: WallClock,
                interval: Duration = .seconds(5), logger: Logger) {
        self.mail = mail
        self.transport = transport
        self.from = from
        self.clock = clock
        self.interval = interval
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

    /// Sends what is due now; returns how many went out.
    @discardableResult
    public func deliverDue() async -> Int {
        var sent = 0
        do {
            let sender = await from()
            for message in try await mail.due(now: clock.now) {
                do {
                    try await transport.send(message, from: sender)
                    try await mail.markSent(id: message.id, now: clock.now)
                    sent += 1
                } catch {
                    logger.warning("Mail delivery failed; will retry", metadata: ["id": "\(message.id)", "error": "\(error)"])
                    try await mail.markFailed(id: message.id, attempts: message.attempts, error: "\(error)", now: clock.now)
                }
            }
        } catch {
            logger.error("Mail outbox unavailable", metadata: ["error": "\(error)"])
        }
        return sent
    }
}
