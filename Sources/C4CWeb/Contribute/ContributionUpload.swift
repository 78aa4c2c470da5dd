import C4CCore
import Foundation
import Hummingbird
import MultipartKit

/// A contribution's `multipart/form-data` body, read chunk by chunk: its text fields and up to
/// `ContributionForm.fileCount` files. A body that says it is too large is refused before any of
/// it is read; a file that grows past its limit stops the reading there. The form sends its text
/// fields before its files, so what was typed is known even then and goes back into the form.
struct ContributionUpload {
    struct File {
        var name: String
        var bytes: [UInt8]
    }

    enum Refusal: Equatable {
        /// One file is larger than a file may be.
        case fileTooLarge
        /// The files together are larger than the form takes.
        case tooLarge
        case tooManyFiles
    }

    var fields: [String: String] = [:]
    var files: [File] = []
    var refusal: Refusal?

    /// Room for the boundaries and the text fields beside the files.
    static let overhead = 256 * 1024
    static let fieldLimit = 100_000

    static func read(_ request: Request) async throws -> ContributionUpload {
        guard let boundary = MultipartHeaders.boundary(request) else {
            throw HTTPError(.unsupportedMediaType, message: "This form must be sent from the contribution page.")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > ContributionForm.totalLimit + overhead {
            return ContributionUpload(refusal: .tooLarge)
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.header(name, value) }
        parser.onBody = { buffer in collector.body(&buffer) }
        parser.onPartComplete = { collector.complete() }
        var total = 0
        for try await chunk in request.body {
            total += chunk.readableBytes
            if total > ContributionForm.totalLimit + overhead { collector.upload.refusal = .tooLarge }
            if collector.upload.refusal != nil { break }
            do {
                try parser.execute(chunk)
            } catch {
                throw HTTPError(.badRequest, message: "This form is not well formed. Send it again from the contribution page.")
            }
            if collector.fieldTooLong { throw HTTPError(.contentTooLarge, message: "A text field is too long.") }
        }
        return collector.upload
    }

    /// Parser state: the callbacks run one after another inside `read`, never concurrently.
    private final class Collector {
        var upload = ContributionUpload()
        var name: String?
        var filename: String?
        var buffer: [UInt8] = []
        var fieldTooLong = false

        func header(_ name: String, _ value: String) {
            guard let disposition = MultipartHeaders.disposition(name, value) else { return }
            (self.name, self.filename) = (disposition.name ?? self.name, disposition.filename ?? self.filename)
        }

        func body(_ chunk: inout ByteBuffer) {
            guard upload.refusal == nil else { return }
            buffer.append(contentsOf: chunk.readableBytesView)
            if filename == nil, buffer.count > ContributionUpload.fieldLimit { fieldTooLong = true }
            if filename != nil, buffer.count > ContributionForm.fileLimit { upload.refusal = .fileTooLarge }
        }

        func complete() {
            defer { (name, filename, buffer) = (nil, nil, []) }
            guard upload.refusal == nil else { return }
            if let filename {
                // A file input left empty sends a part with an empty name and no bytes.
                guard !filename.isEmpty || !buffer.isEmpty else { return }
                guard upload.files.count < ContributionForm.fileCount else { upload.refusal = .tooManyFiles; return }
                let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
                upload.files.append(File(name: FormText.clean(base), bytes: buffer))
            } else if let name {
                upload.fields[name] = FormText.clean(String(decoding: buffer, as: UTF8.self))
            }
        }
    }
}
