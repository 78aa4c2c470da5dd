import NIOCore

/// The message as it travels after DATA (RFC 5321 4.5.2): every line ends in CRLF, whatever ended
/// it before (a lone LF or CR included, as a bare one is refused by many servers); a line that
/// starts with a dot gets a second one, so no line of the message can end the data early; the
/// data ends with `CRLF.CRLF`.
enum SMTPData {
    static func encode(_ message: some Sequence<UInt8>, allocator: ByteBufferAllocator = ByteBufferAllocator()) -> ByteBuffer {
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), dot = UInt8(ascii: ".")
        var buffer = allocator.buffer(capacity: message.underestimatedCount + 1024)
        var atLineStart = true
        var pendingCR = false
        for byte in message {
            if pendingCR {
                pendingCR = false
                buffer.writeBytes([cr, lf])
                atLineStart = true
                if byte == lf { continue }
            }
            if byte == cr {
                pendingCR = true
                continue
            }
            if byte == lf {
                buffer.writeBytes([cr, lf])
                atLineStart = true
                continue
            }
            if atLineStart && byte == dot { buffer.writeInteger(dot) }
            buffer.writeInteger(byte)
            atLineStart = false
        }
        if pendingCR || !atLineStart { buffer.writeBytes([cr, lf]) }
        buffer.writeBytes([dot, cr, lf])
        return buffer
    }

    /// Whether the message holds bytes over 127, which a server announcing 8BITMIME is told about.
    static func hasEightBitBytes(_ message: ByteBuffer) -> Bool {
        message.readableBytesView.contains { $0 > 127 }
    }
}
