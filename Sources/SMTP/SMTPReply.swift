/// One reply from the server: a three-digit code and its text, one entry per line.
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 4xx: try again later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: the same request will be refused again.
    public var isPermanentFailure: Bool { (500..<600).contains(code) }

    public var description: String { "\(code) \(lines.joined(separator: " / "))" }
}

/// Gathers lines into replies (RFC 5321 4.2): `250-first`, `250-second`, `250 last`. Every line
/// of a reply carries the same code; a reply of more than `maximumLines` lines, or a line that is
/// not a reply line at all, is the server breaking the protocol.
struct SMTPReplyParser {
    static let maximumLines = 200
    private var code: Int?
    private var lines: [String] = []

    /// The reply the line completes, or nil while more lines are to come.
    mutating func parse(_ line: String) throws -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(bytes[0]),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-")
        else {
            throw SMTPError(.protocolViolation("the server sent a line that is not a reply: \(line.prefix(80))"))
        }
        let lineCode = Int(String(decoding: bytes[0...2], as: UTF8.self))!
        if let code, code != lineCode {
            throw SMTPError(.protocolViolation("a reply's lines carry different codes (\(code) and \(lineCode))"))
        }
        code = lineCode
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        guard bytes.count == 3 || bytes[3] == UInt8(ascii: " ") else {
            if lines.count >= Self.maximumLines {
                throw SMTPError(.protocolViolation("a reply of more than \(Self.maximumLines) lines"))
            }
            return nil
        }
        defer {
            code = nil
            lines = []
        }
        return SMTPReply(code: lineCode, lines: lines)
    }
}
