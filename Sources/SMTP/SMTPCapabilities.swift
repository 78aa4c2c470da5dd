/// What the server offers, from its EHLO reply: one extension a line after the greeting line,
/// a keyword and its parameters (`AUTH PLAIN LOGIN`, `SIZE 10240000`, `STARTTLS`).
struct SMTPCapabilities: Sendable, Equatable {
    private var extensions: [String: [String]] = [:]

    init() {}

    init(ehlo reply: SMTPReply) {
        for line in reply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            extensions[keyword.uppercased()] = words.dropFirst().map { $0.uppercased() }
        }
    }

    func offers(_ keyword: String) -> Bool { extensions[keyword] != nil }

    var authenticationMechanisms: [String] { extensions["AUTH"] ?? [] }
}
