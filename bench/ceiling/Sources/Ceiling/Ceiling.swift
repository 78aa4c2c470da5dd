import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix

/// `ceiling FILE.gz PORT`: answers every GET of `/` with the gzip file's bytes, as nginx's
/// gzip_static does, on NIO's event loops as c4c runs (`C4C.main`).
@main
struct Ceiling {
    static func main() async throws {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        let arguments = CommandLine.arguments
        guard arguments.count == 3, let data = FileManager.default.contents(atPath: arguments[1]), let port = Int(arguments[2]) else {
            FileHandle.standardError.write(Data("usage: ceiling FILE.gz PORT\n".utf8))
            exit(64)
        }
        let body = ByteBuffer(bytes: data)
        let router = Router()
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .contentEncoding: "gzip"],
                     body: .init(byteBuffer: body))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
                              logger: Logger(label: "ceiling"))
        try await app.runService()
    }
}
