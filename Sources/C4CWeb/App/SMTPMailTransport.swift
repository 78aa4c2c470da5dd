import C4CCore
import C4CStore
import SMTP

/// Sends each message to the mail server of `C4C_SMTP_URL`. A refusal of the message itself for
/// good (5xx to its recipient or its content) is `MailRefused`, failed at once; anything else
/// (4xx, the server away, TLS, a refused login or sender, which every message would meet alike
/// until the configuration is fixed) is thrown as it is and retried with backoff.
public struct SMTPMailTransport: MailTransport {
    let client: SMTPClient

    public init(client: SMTPClient) { self.client = client }

    public func send(_ message: MailMessage, outboxID: Int64) async throws -> MailQueries.Outcome {
        do {
            _ = try await client.send(message.text, from: message.from.address, to: [message.to.address])
            return .sent
        } catch let error as SMTPError where error.isPermanent && error.concernsMessage {
            throw MailRefused(error.description)
        }
    }
}
