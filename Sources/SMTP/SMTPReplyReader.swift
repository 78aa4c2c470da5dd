import NIOCore
import NIOSSL

extension SMTPError {
    /// What a failure from the channel means for the conversation.
    init(from error: any Error) {
        switch error {
        case let error as SMTPError: self = error
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError: self.init(.tls("\(error)"))
        case ChannelError.ioOnClosedChannel, ChannelError.alreadyClosed, ChannelError.eof: self.init(.connectionClosed)
        default: self.init(.connectionFailed("\(error)"))
        }
    }
}

/// The inbound end of the connection: splits the bytes into lines and the lines into replies,
/// and hands each reply to whoever waits for it, or fails the wait when no reply comes in time
/// or the connection breaks. Lives on the channel's event loop; the connection reaches it
/// through `NIOLoopBound`.
final class SMTPReplyReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// RFC 5321 allows 512 octets a reply line; servers are allowed some slack, not unbounded memory.
    static let maximumLineLength = 4096

    private let eventLoop: any EventLoop
    private var buffer = ByteBuffer()
    private var parser = SMTPReplyParser()
    private var replies = CircularBuffer<SMTPReply>()
    private var waiting: (promise: EventLoopPromise<SMTPReply>, timeout: Scheduled<Void>, command: String)?
    private var failure: SMTPError?
    private var context: ChannelHandlerContext?
    /// Set while a STARTTLS reply is awaited: makes the TLS handler to put in front once it is 220.
    private var upgrade: (() throws -> NIOSSLClientHandler)?

    init(eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// The next reply, as soon as there is one; fails after `timeout` without one.
    func nextReply(for command: String, timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        if let reply = replies.popFirst() { return eventLoop.makeSucceededFuture(reply) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        guard context != nil else { return eventLoop.makeFailedFuture(SMTPError(.connectionClosed)) }
        precondition(waiting == nil, "one reply awaited at a time")
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let timeout = eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            fail(SMTPError(.timedOut(waitingFor: command)))
        }
        waiting = (promise, timeout, command)
        return promise.futureResult
    }

    /// Why the connection ended, once it has: a TLS handshake failure, say, rather than the closed
    /// channel a write then meets.
    var failureSeen: SMTPError? { failure }

    /// Arms the switch to TLS for the reply to the STARTTLS command about to be sent.
    func upgradeOnReady(_ makeHandler: @escaping () throws -> NIOSSLClientHandler) {
        upgrade = makeHandler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        do {
            while let line = try nextLine() {
                guard let reply = try parser.parse(line) else { continue }
                try startTLSIfArmed(after: reply, context: context)
                deliver(reply)
            }
            buffer.discardReadBytes()
        } catch {
            fail(SMTPError(from: error))
        }
    }

    /// The TLS handler goes in front of this one in the same turn of the event loop as the 220
    /// arrives, so every later byte passes through it. Bytes that came after the 220 in clear
    /// text would be read as if they came over TLS: they end the connection instead (the
    /// injection that CVE-2011-0411 named).
    private func startTLSIfArmed(after reply: SMTPReply, context: ChannelHandlerContext) throws {
        guard let makeHandler = upgrade else { return }
        upgrade = nil
        guard reply.code == 220 else { return }
        guard buffer.readableBytes == 0, replies.isEmpty else {
            throw SMTPError(.protocolViolation("the server sent more after agreeing to start TLS"))
        }
        try context.pipeline.syncOperations.addHandler(try makeHandler(), position: .first)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError(.connectionClosed))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(SMTPError(from: error))
    }

    /// Takes one line off the buffer, without its CRLF (or bare LF).
    private func nextLine() throws -> String? {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength {
                throw SMTPError(.protocolViolation("a reply line longer than \(Self.maximumLineLength) bytes"))
            }
            return nil
        }
        let length = newline - buffer.readerIndex
        guard length <= Self.maximumLineLength, var line = buffer.readBytes(length: length) else {
            throw SMTPError(.protocolViolation("a reply line longer than \(Self.maximumLineLength) bytes"))
        }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiting {
            self.waiting = nil
            waiting.timeout.cancel()
            waiting.promise.succeed(reply)
        } else {
            replies.append(reply)
        }
    }

    /// The first failure is kept and given to every later wait; the connection is closed.
    private func fail(_ error: SMTPError) {
        if failure == nil { failure = error }
        if let waiting {
            self.waiting = nil
            waiting.timeout.cancel()
            waiting.promise.fail(failure ?? error)
        }
        context?.close(promise: nil)
    }
}
