import Foundation
import Hummingbird
import MultipartKit
import C4CStore

/// A `multipart/form-data` body read chunk by chunk with multipart-kit's push parser: text fields
/// and at most one file, refused as soon as it grows past the limit, before it is all in memory.
/// The form's `_csrf` field must be its first part (browsers send fields in document order), so a
/// forged upload is refused after its first few bytes, not after the whole file.
struct MultipartUpload {
    var fields: [String: String] = [:]
    var fileName: String?
    var fileBytes: [UInt8] = []

    static let fieldLimit = 100_000
    /// Room for the boundaries and the text fields beside the file.
    static let overhead = 64 * 1024

    static func tooLargeMessage(_ limit: Int) -> String {
        "The file is larger than \(limit / 1_048_576) MB, the most this form accepts."
    }

    static func read(_ request: Request, limit: Int, csrfToken: String) async throws -> MultipartUpload {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = contentType.split(separator: ";").lazy
                .map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })
                .map({ String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) })
        else {
            throw HTTPError(.unsupportedMediaType, message: "Files must be sent from the upload form.")
        }
        // RFC 2046: 1 to 70 characters from a small set. multipart-kit traps on an empty one.
        guard Self.isValidBoundary(boundary) else {
            throw HTTPError(.badRequest, message: "This upload is not a well-formed form. Send it again from the upload form.")
        }
        let collector = Collector(csrfToken: csrfToken)
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(&buffer) }
        parser.onPartComplete = { collector.complete() }
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            if total > limit + overhead {
                throw HTTPError(.contentTooLarge, message: tooLargeMessage(limit))
            }
            do {
                try parser.execute(chunk)
            } catch {
                throw HTTPError(.badRequest, message: "This upload is not a well-formed form. Send it again from the upload form.")
            }
            if collector.forged { throw HTTPError(.forbidden, message: AdminGate.expiredForm) }
            if collector.fieldTooLong { throw HTTPError(.contentTooLarge, message: "A text field is too long.") }
        }
        guard collector.tokenChecked else { throw HTTPError(.forbidden, message: AdminGate.expiredForm) }
        return collector.upload
    }

    static func isValidBoundary(_ boundary: String) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'()+_,-./:=? ".utf8)
        return (1...70).contains(boundary.utf8.count) && boundary.utf8.allSatisfy(allowed.contains) && !boundary.hasSuffix(" ")
    }

    /// Parser state: the callbacks run one after another inside `read`, never concurrently.
    private final class Collector {
        let csrfToken: String
        var upload = MultipartUpload()
        var tokenChecked = false
        var forged = false

        init(csrfToken: String) { self.csrfToken = csrfToken }

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
            if (filename != nil || self.name != "_csrf") && !tokenChecked { forged = true }
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
                let value = FormText.clean(String(decoding: buffer, as: UTF8.self))
                if name == "_csrf" {
                    tokenChecked = Tokens.equal(value, csrfToken)
                    forged = !tokenChecked
                }
                upload.fields[name] = value
            }
            name = nil
            filename = nil
            buffer = []
        }
    }
}
