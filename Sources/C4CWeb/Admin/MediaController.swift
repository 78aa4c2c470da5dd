import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// `/admin/media`: upload images and documents, checked by their content and size; every image
/// carries alt text, a credit and its safeguarding record. `/admin/files/{id}/{name}` lets editors
/// see any stored file, published or not.
struct MediaController<Context: RequestContext>: Sendable {
    let pages: AdminPages
    let gate: AdminGate
    let media: MediaQueries
    let files: FileQueries
    let processor: ImageProcessor
    let variants: ImageVariantMaker
    let clock: WallClock

    func addRoutes(to router: Router<Context>) {
        router.admin(.get, "/admin/media", .editors, gate: gate) { request, _, admin in
            try await library(admin, upload: UploadView.empty, query: LibraryQuery { request.query($0) },
                              notice: request.query("uploaded") != nil ? pages.renderer.text("admin_media_uploaded", EditorLanguage.current) : nil)
        }
        router.admin(.post, "/admin/media", .editors, gate: gate, uploadLimit: UploadKind.overallLimit) { request, _, admin in
            try await upload(request, admin)
        }
        router.admin(.get, "/admin/media/:id", .editors, gate: gate) { request, context, admin in
            guard let item = try await media.item(id: try context.parameters.require("id", as: Int64.self)) else { throw HTTPError(.notFound) }
            return try await edit(admin, item: item, details: nil, errors: [:],
                                  notice: request.query("saved") != nil ? pages.renderer.text("admin_saved", EditorLanguage.current) : nil)
        }
        router.admin(.post, "/admin/media/:id", .editors, gate: gate) { _, context, admin in
            let id = try context.parameters.require("id", as: Int64.self)
            guard let item = try await media.item(id: id) else { throw HTTPError(.notFound) }
            let details = Self.details(admin.form.pairs)
            let errors = Self.check(details, isImage: item.kind == "image")
            guard errors.isEmpty else {
                return try await edit(admin, item: item, details: details, errors: errors.messages.mapValues { pages.renderer.text($0, EditorLanguage.current) },
                                      status: .unprocessableContent)
            }
            try await media.update(id: id, details: details, userID: admin.user.id, now: clock.now)
            return Response.redirect(to: "/admin/media/\(id)?saved=1")
        }
        router.admin(.get, "/admin/files/:id/:name", .editors, gate: gate) { _, context, _ in
            guard let file = try await files.file(id: try context.parameters.require("id", as: Int64.self)),
                  file.name == context.parameters.get("name")?.removingPercentEncoding else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: file.contentType, .contentSecurityPolicy: "default-src 'none'; sandbox",
                                                   .contentDisposition: FileController<Context>.disposition(file.name)],
                            body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
        }
        // A photo's small copy for the form's chooser, published or not: `/admin/files/{id}/w320/{name}.webp`.
        router.admin(.get, "/admin/files/:id/:name/:variant", .editors, gate: gate) { _, context, _ in
            guard let size = context.parameters.get("name"), size.hasPrefix("w"), let width = Int(size.dropFirst()),
                  let name = context.parameters.get("variant"),
                  let format = ImageVariants.Format.allCases.first(where: { name.hasSuffix("." + $0.fileExtension) }),
                  let found = try await variants.variant(fileID: try context.parameters.require("id", as: Int64.self), width: width, format: format)
            else { throw HTTPError(.notFound) }
            return Response(status: .ok, headers: [.contentType: format.contentType, .contentSecurityPolicy: "default-src 'none'; sandbox",
                                                   .eTag: found.tag],
                            body: .init(byteBuffer: ByteBuffer(bytes: found.data)))
        }
    }

    static func details(_ pairs: [(String, String)]) -> MediaQueries.Details {
        let value = { (name: String) in pairs.last { $0.0 == name }?.1.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
        return MediaQueries.Details(title: value("title"), altText: value("alt_text"), credit: value("credit"),
                                    showsIdentifiableChildren: value("shows_identifiable_children") == "yes",
                                    consentOnFile: value("consent_on_file") == "on")
    }

    /// An image needs alt text and a credit; the safeguarding answer is recorded either way.
    static func check(_ details: MediaQueries.Details, isImage: Bool) -> FieldErrors {
        var errors = FieldErrors()
        if isImage && details.altText.isEmpty { errors.add("alt_text", "error_field_alt") }
        if isImage && details.credit.isEmpty { errors.add("credit", "error_field_credit") }
        if details.altText.count > 500 || details.credit.count > 300 || details.title.count > 300 { errors.add("title", "error_field_too_long") }
        return errors
    }

    struct UploadView: Sendable, Encodable {
        let title: String
        let altText: String
        let credit: String
        let children: Bool
        let consent: Bool
        let errors: [String: String]

        static var empty: UploadView { UploadView(title: "", altText: "", credit: "", children: false, consent: false, errors: [:]) }
    }

    /// The library's search, kind and page, as GET parameters.
    struct LibraryQuery: Sendable {
        var search = ""
        var kind: MediaQueries.LibraryKind?
        var page = 1

        init() {}

        init(_ value: (String) -> String?) {
            search = value("q") ?? ""
            kind = value("kind").flatMap(MediaQueries.LibraryKind.init(rawValue:))
            page = value("page").flatMap(Int.init).map { max(1, min($0, 10_000)) } ?? 1
        }

        var parameters: [(String, String)] {
            (search.isEmpty ? [] : [("q", search)]) + (kind.map { [("kind", $0.rawValue)] } ?? []) + (page > 1 ? [("page", String(page))] : [])
        }
    }

    struct LibraryView: Sendable, Encodable {
        struct Item: Sendable, Encodable {
            let href: String
            let preview: String?
            let name: String
            /// "File no. 12": what an attachment line names.
            let number: String
            let description: String
            let alt: String
            let warning: String?
        }
        let items: [Item]
        let hasItems: Bool
        let search: String
        let kinds: [ChoiceOption]
        let count: String
        let pagination: Pagination
        let upload: UploadView
        let limits: String
    }

    func library(_ admin: AdminRequest, upload: UploadView, query: LibraryQuery = .init(), notice: String?,
                 status: HTTPResponse.Status = .ok) async throws -> Response {
        let (rows, total) = try await media.library(search: query.search, kind: query.kind, page: query.page)
        let items = rows.map { item in
            LibraryView.Item(
                href: "/admin/media/\(item.id)",
                preview: item.kind == "image" ? "/admin" + FilePath.make(id: item.fileId, name: item.fileName) : nil,
                name: item.fileName,
                number: pages.renderer.catalog.text("admin_media_number", EditorLanguage.current, ["number": String(item.fileId)]),
                description: FileLabel.describe(contentType: item.contentType, name: item.fileName, bytes: item.byteSize, language: EditorLanguage.current),
                alt: item.altText,
                warning: item.showsIdentifiableChildren && !item.consentOnFile ? pages.renderer.text("admin_media_no_consent", EditorLanguage.current) : nil)
        }
        let chosen = query.kind?.rawValue ?? ""
        let kinds = [ChoiceOption(value: "", label: pages.renderer.text("admin_media_kind_any", EditorLanguage.current), selected: chosen.isEmpty)]
            + MediaQueries.LibraryKind.allCases.map {
                ChoiceOption(value: $0.rawValue, label: pages.renderer.text("admin_media_kind_\($0.rawValue)", EditorLanguage.current), selected: chosen == $0.rawValue)
            }
        let view = LibraryView(
            items: items, hasItems: !items.isEmpty, search: query.search, kinds: kinds,
            count: pages.renderer.catalog.counted("admin_media_count", EditorLanguage.current, count: total),
            pagination: Pagination(path: "/admin/media", parameters: query.parameters, page: query.page, pageSize: MediaQueries.libraryPageSize,
                                   total: total, label: pages.renderer.text("pagination_label", EditorLanguage.current)),
            upload: upload, limits: pages.renderer.text("admin_media_limits", EditorLanguage.current))
        return try await pages.render("admin/media", title: pages.renderer.text("admin_media", EditorLanguage.current), user: admin.user, path: admin.path,
                                      page: view, notice: notice, status: status)
    }

    func upload(_ request: Request, _ admin: AdminRequest) async throws -> Response {
        let upload = try await MultipartUpload.read(request, limit: UploadKind.overallLimit, csrfToken: admin.user.csrfToken)
        let details = Self.details(upload.fields.map { ($0.key, $0.value) })
        var errors = FieldErrors()
        let kind = UploadKind.detect(upload.fileBytes, name: upload.fileName ?? "")
        if upload.fileName == nil || upload.fileBytes.isEmpty {
            errors.add("file", "error_field_file_missing")
        } else if let kind {
            if upload.fileBytes.count > kind.maximumBytes { errors.add("file", kind.isImage ? "error_field_image_too_large" : "error_field_document_too_large") }
        } else {
            errors.add("file", "error_field_file_kind")
        }
        errors.merge(Self.check(details, isImage: kind?.isImage ?? true))
        guard errors.isEmpty, let kind, let original = upload.fileName else {
            let view = UploadView(title: details.title, altText: details.altText, credit: details.credit, children: details.showsIdentifiableChildren,
                                  consent: details.consentOnFile, errors: errors.messages.mapValues { pages.renderer.text($0, EditorLanguage.current) })
            return try await library(admin, upload: view, notice: nil, status: .unprocessableContent)
        }
        let stem = Slug.make(from: (original as NSString).deletingPathExtension, maxLength: 60)
        var name = (stem.isEmpty ? "file" : stem) + "." + kind.fileExtension
        var data = Data(upload.fileBytes)
        var contentType = kind.contentType
        var size = kind.isImage ? UploadKind.dimensions(upload.fileBytes, kind: kind) : nil
        if kind.isImage {
            // Refused by its header before anything decodes it: a small file can claim a huge picture.
            guard let pixels = size, pixels.width * pixels.height <= ImageVariants.maximumPixels, pixels.width > 0, pixels.height > 0 else {
                return try await refuse(details, field: "file", message: size == nil ? "error_field_image_unreadable" : "error_field_image_too_many_pixels", admin)
            }
            // The uploaded bytes are never stored: only the upright copy without metadata.
            do {
                let master = try await processor.master(of: data, fileName: name)
                (data, contentType, size) = (master.data, master.format.contentType, (master.width, master.height))
                name = (name as NSString).deletingPathExtension + "." + master.format.fileExtension
            } catch {
                return try await refuse(details, field: "file", message: "error_field_image_unreadable", admin)
            }
        }
        let id = try await media.create(name: name, contentType: contentType, data: data, isImage: kind.isImage,
                                        width: size?.width, height: size?.height, details: details, userID: admin.user.id, now: clock.now)
        if kind.isImage {
            // Before the answer, so the library and the pages show the photo at once; the worker
            // takes it again if this fails.
            try? await variants.make(mediaID: id, now: clock.now)
        }
        return Response.redirect(to: "/admin/media?uploaded=1")
    }

    private func refuse(_ details: MediaQueries.Details, field: String, message: String, _ admin: AdminRequest) async throws -> Response {
        let view = UploadView(title: details.title, altText: details.altText, credit: details.credit, children: details.showsIdentifiableChildren,
                              consent: details.consentOnFile, errors: [field: pages.renderer.text(message, EditorLanguage.current)])
        return try await library(admin, upload: view, notice: nil, status: .unprocessableContent)
    }

    struct EditView: Sendable, Encodable {
        let preview: String?
        let name: String
        let description: String
        let title: String
        let altText: String
        let credit: String
        let children: Bool
        let consent: Bool
        let isImage: Bool
        let errors: [String: String]
    }

    func edit(_ admin: AdminRequest, item: MediaQueries.Item, details: MediaQueries.Details?, errors: [String: String],
              notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let shown = details ?? MediaQueries.Details(title: item.title, altText: item.altText, credit: item.credit,
                                                    showsIdentifiableChildren: item.showsIdentifiableChildren, consentOnFile: item.consentOnFile)
        return try await pages.render("admin/media-edit", title: item.fileName, user: admin.user, path: admin.path, page: EditView(
            preview: item.kind == "image" ? "/admin" + FilePath.make(id: item.fileId, name: item.fileName) : nil, name: item.fileName,
            description: FileLabel.describe(contentType: item.contentType, name: item.fileName, bytes: item.byteSize, language: EditorLanguage.current),
            title: shown.title, altText: shown.altText, credit: shown.credit, children: shown.showsIdentifiableChildren,
            consent: shown.consentOnFile, isImage: item.kind == "image", errors: errors), notice: notice, status: status)
    }
}
