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
        CatalogMessage.key("error_upload_too_large", ["megabytes": String(limit / 1_048_576)])
    }

    static func read(_ request: Request, limit: Int, csrfToken: String) async throws -> MultipartUpload {
        guard request.headers[.contentType]?.lowercased().hasPrefix("multipart/form-data") ?? false else {
            throw HTTPError(.unsupportedMediaType, message: "error_upload_not_multipart")
        }
        guard let boundary = MultipartHeaders.boundary(request) else {
            throw HTTPError(.badRequest, message: "error_upload_malformed")
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
                throw HTTPError(.badRequest, message: "error_upload_malformed")
            }
            if collector.forged { throw HTTPError(.forbidden, message: AdminGate.expiredForm) }
            if collector.fieldTooLong { throw HTTPError(.contentTooLarge, message: "error_form_field_too_long") }
        }
        guard collector.tokenChecked else { throw HTTPError(.forbidden, message: AdminGate.expiredForm) }
        return collector.upload
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
            guard let disposition = MultipartHeaders.disposition(name, value) else { return }
            (self.name, self.filename) = (disposition.name ?? self.name, disposition.filename ?? self.filename)
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
