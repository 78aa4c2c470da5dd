import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// One TCP connection to the server: commands out, replies in, each reply awaited with a
/// timeout, and the switch to TLS in the middle for STARTTLS.
struct SMTPConnection: Sendable {
    let channel: any Channel
    private let reader: NIOLoopBound<SMTPReplyReader>
    private let tls: NIOSSLContext?
    private let host: String

    /// Connects, wrapped in TLS from the start when `implicitTLS`; `tls` is also what STARTTLS uses.
    static func open(host: String, port: Int, tls: NIOSSLContext?, implicitTLS: Bool, connectTimeout: Duration,
                     group: any EventLoopGroup) async throws -> SMTPConnection {
        // Each channel's reader, kept as the channel is set up: when the handshake of implicit TLS
        // fails at once, the pipeline is already gone by the time `connect` returns. (Happy
        // eyeballs may set up more than one channel; the one that connected is looked up.)
        let readers = ReadersByChannel()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(.nanoseconds(connectTimeout.nanoseconds))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicitTLS, let tls {
                        try channel.pipeline.syncOperations.addHandler(try SMTPTLS.handler(tls, host: host))
                    }
                    let reader = SMTPReplyReader(eventLoop: channel.eventLoop)
                    try channel.pipeline.syncOperations.addHandler(reader)
                    readers.map.withLock { $0[ObjectIdentifier(channel)] = NIOLoopBound(reader, eventLoop: channel.eventLoop) }
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            throw SMTPError(.connectionFailed("\(host):\(port): \(error)"))
        }
        guard let reader = readers.map.withLock({ $0[ObjectIdentifier(channel)] }) else {
            try? await channel.close()
            throw SMTPError(.connectionClosed)
        }
        return SMTPConnection(channel: channel, reader: reader, tls: tls, host: host)
    }

    /// The next reply, whatever its code.
    func reply(to command: String, timeout: Duration) async throws -> SMTPReply {
        let reader = reader
        return try await channel.eventLoop.flatSubmit {
            reader.value.nextReply(for: command, timeout: .nanoseconds(timeout.nanoseconds))
        }.get()
    }

    /// Sends one command line and returns the reply. `shown` is what errors call the command
    /// (never the credentials an AUTH line carries).
    func command(_ line: String, shown: String, timeout: Duration) async throws -> SMTPReply {
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line)
        buffer.writeString("\r\n")
        try await write(buffer)
        return try await reply(to: shown, timeout: timeout)
    }

    func write(_ buffer: ByteBuffer) async throws {
        do {
            try await channel.writeAndFlush(buffer)
        } catch {
            let reader = reader
            let cause = try? await channel.eventLoop.submit { reader.value.failureSeen }.get()
            throw cause ?? SMTPError(from: error)
        }
    }

    /// Sends STARTTLS; on 220 the reader puts TLS in front before reading another byte. The
    /// handshake runs before the next command leaves, and its failure fails that command's wait.
    func startTLS(timeout: Duration) async throws -> SMTPReply {
        guard let tls else { throw SMTPError(.startTLSUnavailable) }
        let reader = reader
        let host = host
        try await channel.eventLoop.submit {
            reader.value.upgradeOnReady { try SMTPTLS.handler(tls, host: host) }
        }.get()
        return try await command("STARTTLS", shown: "STARTTLS", timeout: timeout)
    }

    func close() async {
        try? await channel.close()
    }
}

private final class ReadersByChannel: Sendable {
    let map = Mutex<[ObjectIdentifier: NIOLoopBound<SMTPReplyReader>]>([:])
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
