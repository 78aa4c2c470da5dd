import Foundation
import Hummingbird
import MultipartKit

/// A `multipart/form-data` body read chunk by chunk with multipart-kit's push parser: text fields
/// and at most one file, refused as soon as it grows past the limit, before it is all in memory.
struct MultipartUpload {
    var fields: [String: String] = [:]
    var fileName: String?
    var fileBytes: [UInt8] = []

    static let fieldLimit = 100_000

    static func read(_ request: Request, limit: Int) async throws -> MultipartUpload {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = contentType.split(separator: ";").lazy
                .map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })
                .map({ String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) })
        else {
            throw HTTPError(.unsupportedMediaType, message: "Files must be sent from the upload form.")
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(&buffer) }
        parser.onPartComplete = { collector.complete() }
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            if total > limit + 64 * 1024 {
                throw HTTPError(.contentTooLarge, message: "The file is larger than \(limit / 1_048_576) MB, the most this form accepts.")
            }
            try parser.execute(chunk)
            if collector.fieldTooLong { throw HTTPError(.contentTooLarge, message: "A text field is too long.") }
        }
        return collector.upload
    }

    /// Parser state: the callbacks run one after another inside `read`, never concurrently.
    private final class Collector {
        var upload = MultipartUpload()
        var name: String?
        var filename: String?
        var buffer: [UInt8] = []
        var fieldTooLong = false

        func header(_ name: String, _ value: String) {
            guard name.lowercased() == "content-disposition" else { return }
            for parameter in value.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                let unquoted = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                if pair[0].lowercased() == "name" { self.name = unquoted }
                if pair[0].lowercased() == "filename" { self.filename = unquoted }
            }
        }

        func body(_ chunk: inout ByteBuffer) {
            buffer.append(contentsOf: chunk.readableBytesView)
            if filename == nil && buffer.count > MultipartUpload.fieldLimit { fieldTooLong = true }
        }

        func complete() {
            if let filename, !filename.isEmpty {
                // Only the last path component: some browsers send the whole local path.
                upload.fileName = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
                upload.fileBytes = buffer
            } else if let name {
                upload.fields[name] = String(decoding: buffer, as: UTF8.self)
            }
            name = nil
            filename = nil
            buffer = []
        }
    }
}
