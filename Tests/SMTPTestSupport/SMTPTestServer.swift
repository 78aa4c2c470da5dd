import Foundation

/// A real SMTP server for a test: `Tests/smtp/server.py` (Python's aiosmtpd) in a subprocess,
/// saving each message it accepts as JSON in its folder. Missing python3, aiosmtpd or openssl
/// fail the test with the server's own error: `scripts/test` installs them.
public final class SMTPTestServer: @unchecked Sendable {
    // The process is started, waited on and stopped by the one test that owns this server.
    public enum TLS: String, Sendable {
        case startTLS = "starttls", implicit
    }

    public struct Options: Sendable {
        public var tls: TLS?
        /// The one name the certificate is for, instead of localhost and 127.0.0.1.
        public var certificateFor: String?
        /// `user:password` the server requires.
        public var login: String?
        /// Offer only this AUTH mechanism (`PLAIN` or `LOGIN`).
        public var authOnly: String?
        /// Answer every RCPT TO with 550 or 451.
        public var refuseRecipients: Int?
        /// Answer the end of the data with 554 or 452.
        public var refuseData: Int?

        public init(tls: TLS? = nil, certificateFor: String? = nil, login: String? = nil, authOnly: String? = nil,
                    refuseRecipients: Int? = nil, refuseData: Int? = nil) {
            self.tls = tls
            self.certificateFor = certificateFor
            self.login = login
            self.authOnly = authOnly
            self.refuseRecipients = refuseRecipients
            self.refuseData = refuseData
        }
    }

    /// One message the server accepted, as `server.py` saved it.
    public struct Received: Sendable, Decodable {
        public struct Decoded: Sendable, Decodable {
            public struct Part: Sendable, Decodable {
                public let content_type: String
                public let multipart: Bool?
                public let charset: String?
                public let transfer_encoding: String?
                public let disposition: String?
                public let filename: String?
                public let text: String?
                public let base64: String?

                public var bytes: [UInt8]? { base64.flatMap { Data(base64Encoded: $0) }.map(Array.init) }
            }
            public let subject: String
            public let from: String
            public let to: String
            public let from_name: String?
            public let to_name: String?
            public let content_type: String
            public let headers: [String: String]
            public let defects: [String]
            public let parts: [Part]
        }
        public let mail_from: String
        public let rcpt_tos: [String]
        public let mail_options: [String]
        public let tls: Bool
        public let login: String?
        public let data: String
        public let decoded: Decoded
    }

    public let directory: URL
    public let options: Options
    public private(set) var port: Int
    private var process: Process?
    private let ownsDirectory: Bool

    public static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("smtp/server.py")

    /// Starts a server on `port` (a free one when nil) saving into `directory` (a new one when nil).
    public init(_ options: Options = Options(), port: Int? = nil, directory: URL? = nil) async throws {
        self.options = options
        self.ownsDirectory = directory == nil
        self.directory = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("c4c-smtp-\(UUID().uuidString)")
        self.port = port ?? 0
        try await start()
    }

    deinit {
        stop()
        if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The certificate a client must trust to talk TLS to this server.
    public var certificateFile: String { directory.appendingPathComponent("cert.pem").path }

    /// Starts the server again (on the same port once it has had one) and waits until it listens.
    public func start() async throws {
        precondition(process == nil, "the server is running")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let ready = directory.appendingPathComponent("port")
        try? FileManager.default.removeItem(at: ready)
        var arguments = [Self.script.path, "--directory", directory.path, "--port", String(port)]
        if let tls = options.tls { arguments += ["--tls", tls.rawValue] }
        if let name = options.certificateFor { arguments += ["--cert-for", name] }
        if let login = options.login { arguments += ["--auth", login] }
        if let mechanism = options.authOnly { arguments += ["--auth-only", mechanism] }
        if let code = options.refuseRecipients { arguments += ["--refuse", String(code)] }
        if let code = options.refuseData { arguments += ["--refuse-data", String(code)] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let errors = directory.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOf: ready, encoding: .utf8), let port = Int(text) {
                self.port = port
                return
            }
            if !process.isRunning {
                self.process = nil
                let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
                throw StartFailure(description: "Tests/smtp/server.py exited with \(process.terminationStatus) "
                    + "(scripts/test installs python3, aiosmtpd and openssl): \(log.suffix(2000))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        stop()
        throw StartFailure(description: "Tests/smtp/server.py did not start listening within 30 s")
    }

    /// Stops the server at once; it refuses connections until started again.
    public func stop() {
        guard let process else { return }
        self.process = nil
        // Killed outright: it saves each message with a rename, so nothing is left half-written,
        // and a test thread is not kept waiting for a graceful stop. Polled rather than
        // `waitUntilExit`, which spins a run loop on Linux.
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { usleep(5_000) }
    }

    /// Every message accepted so far, in order.
    public func received() throws -> [Received] {
        let folder = directory.appendingPathComponent("messages")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }
            .sorted { Int($0.dropLast(5)) ?? 0 < Int($1.dropLast(5)) ?? 0 }
        return try names.map {
            try JSONDecoder().decode(Received.self, from: Data(contentsOf: folder.appendingPathComponent($0)))
        }
    }

    public struct StartFailure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// A port nothing listens on at the moment of asking.
    public static func freePort() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else { throw StartFailure(description: "no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
