import C4CCore
import C4CStore
import Foundation
import Hummingbird

/// Checking and storing what an editor sent. An edit sends the version it was opened at and is
/// refused with both texts if the item has moved on; a create sends a one-time token, so a retry
/// lands on the item the first attempt made. `background` is the form's script autosaving: it
/// answers JSON for the script instead of pages.
extension ContentController {
    func save(_ type: ContentType, id: Int64?, _ admin: AdminRequest, background: Bool = false) async throws -> Response {
        let posted = admin.form
        let base = "/admin/content/\(type.key)"
        let createToken = id == nil ? Self.createToken(posted["create_token"]) : nil
        if let createToken, let made = try await editor.itemMade(byCreateToken: createToken, userID: admin.user.id, type: type) {
            return Response.redirect(to: "\(base)/\(made)?saved=1")
        }
        let expectedVersion = id == nil ? nil : Int64(posted["version"])
        let siteZone = try await pages.settings.siteSettings().timeZone
        var input: [String: String] = [:]
        for field in type.fields {
            switch field.kind {
            case .links, .languages: input[field.name] = posted.all(field.name).joined(separator: ",")
            case .instant, .siteInstant:
                input[field.name] = posted[field.name]
                // Posted only while the form asks which of a repeated time is meant.
                let offset = posted[field.name + ContentType.offsetSuffix]
                if !offset.isEmpty { input[field.name + ContentType.offsetSuffix] = offset }
            case .lines, .attachments:
                // The form posts each part of each row; a client may still post the rows as text.
                input[field.name] = RepeatableRows.posted(field.name, columns: field.rowColumns ?? [], in: posted.pairs)
                    .map(RepeatableRows.text) ?? posted[field.name]
            default: input[field.name] = posted[field.name]
            }
        }
        if !posted["step"].isEmpty {
            return try await formAfterStep(type, id: id, input: input, admin)
        }
        let action = posted["action"]
        let isEditor = admin.user.roleValue != .focalPoint
        if !isEditor && ["publish", "schedule", "unpublish"].contains(action) {
            throw HTTPError(.forbidden, message: "error_admin_focal_points_draft")
        }
        let existing = try await id.asyncMap { try await editor.load(type, id: $0) } ?? nil
        if id != nil && existing == nil { throw HTTPError(.notFound) }
        if !isEditor {
            let organisation = admin.user.organisationId ?? -1
            let stored = existing?.fields ?? Self.defaults(type)
            let sent = input.filter { name, _ in posted.pairs.contains { $0.0 == name } }
            guard type.fieldsRefusedToFocalPoint(posted: sent, stored: stored, organisationID: organisation).isEmpty else {
                throw HTTPError(.forbidden, message: "error_admin_organisation_editors_only")
            }
            input = type.inputForFocalPoint(input, stored: stored, organisationID: organisation)
            // A kept time the clocks show twice keeps which of the two it is.
            for field in type.fields where field.setter == .editorsOnly {
                input[field.name + ContentType.offsetSuffix] = stored[field.name + ContentType.offsetSuffix]
            }
        }
        var (values, fieldErrors) = type.validate(input, siteZone: siteZone)
        let slug = posted.trimmed("slug").isEmpty ? Slug.make(from: input[type.titleField] ?? "") : posted.trimmed("slug")
        if !Slug.isValid(slug) { fieldErrors.add("slug", "error_field_slug") }
        let now = clock.now
        var status = PublicationStatus(rawValue: existing?.status ?? "draft") ?? .draft
        var publishAt = existing?.publishAt
        switch action {
        case "publish":
            status = .published
            publishAt = now.epochSeconds
        case "schedule":
            switch ContentType.instant(posted.trimmed("publish_at"), zone: siteZone, offset: posted["publish_at" + ContentType.offsetSuffix]) {
            case .success(let when):
                status = .scheduled
                publishAt = when.epochSeconds
            case .failure(let problem):
                fieldErrors.add("publish_at", posted.trimmed("publish_at").isEmpty ? "error_field_schedule" : problem.rawValue)
            }
        case "unpublish", "draft":
            if action == "unpublish" || existing == nil { status = .draft }
        default:
            break
        }
        if !isEditor { status = existing.map { PublicationStatus(rawValue: $0.status) ?? .draft } ?? .draft }
        if status != .draft {
            let images = type.fields.compactMap { field -> Int64? in
                guard case .image = field.kind, case .integer(let id)? = values[field.name] else { return nil }
                return id
            }
            if let problem = try await editor.imageProblems(ids: images).first {
                fieldErrors.add("publish", problem.rawValue)
                status = PublicationStatus(rawValue: existing?.status ?? "draft") ?? .draft
            } else if type.fields.contains(where: { $0.kind == .markdown && PublishingChecks.markdown(input[$0.name] ?? "", field: $0.name)
                .contains { $0.severity == .blocking } }) {
                fieldErrors.add("publish", "check_blocks_publishing")
                status = PublicationStatus(rawValue: existing?.status ?? "draft") ?? .draft
            }
        }
        let newLanguage = Language(rawValue: posted["lang"]) ?? .default
        let translationOf = existing == nil ? Int64(posted["translation_of"]) : nil
        let item = ContentEditorQueries.Item(id: id, slug: slug, lang: existing?.lang ?? newLanguage.rawValue, status: existing?.status ?? "draft",
                                             publishAt: existing?.publishAt, fields: input.merging([
                                                 "publish_at": posted["publish_at"],
                                                 "publish_at" + ContentType.offsetSuffix: posted["publish_at" + ContentType.offsetSuffix],
                                                 "create_token": createToken ?? "",
                                             ]) { typed, _ in typed }, version: expectedVersion)
        if background {
            guard fieldErrors.isEmpty else {
                return Self.json(["message": pages.renderer.text("admin_autosave_invalid", EditorLanguage.current)], status: .unprocessableContent)
            }
            if status != .draft {
                // Half-typed text never reaches visitors: a published or scheduled item's autosave is a copy beside it.
                guard let id else { throw HTTPError(.notFound) }
                let copyVersion: Int64
                do {
                    copyVersion = try await editor.keepAutosave(type, id: id, userID: admin.user.id, baseVersion: expectedVersion,
                                                                fields: item.fields.merging(["slug": slug]) { _, slug in slug }, now: now)
                } catch ContentEditorQueries.SaveError.conflict {
                    return try await autosaveConflict(type, id: id)
                }
                return Self.json(["version": String(copyVersion), "message": autosaveNote("admin_autosave_copy_kept", now)])
            }
        }
        guard fieldErrors.isEmpty else {
            return try await form(type, admin, item: item, errors: fieldErrors.messages.mapValues { pages.renderer.text($0, EditorLanguage.current) },
                                  status: .unprocessableContent, translationOf: translationOf)
        }
        do {
            let saved = try await editor.save(type, id: id, slug: slug, lang: item.lang, status: status, publishAt: publishAt,
                                              values: values, formText: input, userID: admin.user.id,
                                              organisationID: isEditor ? nil : admin.user.organisationId,
                                              translationOf: translationOf, now: now, expecting: expectedVersion, createToken: createToken)
            if background { return Self.json(["version": String(saved.version), "message": autosaveNote("admin_autosave_saved", now)]) }
            return Response.redirect(to: "\(base)/\(saved.id)?saved=1")
        } catch ContentEditorQueries.SaveError.conflict {
            guard let id else { throw HTTPError(.conflict) }
            if background { return try await autosaveConflict(type, id: id) }
            return try await conflictPage(type, id: id, admin, typed: input.merging(["slug": slug]) { _, slug in slug })
        } catch ContentEditorQueries.SaveError.noLongerYours {
            throw HTTPError(.forbidden, message: "error_admin_item_changed_hands")
        } catch ContentEditorQueries.SaveError.slugTaken {
            return try await form(type, admin, item: item, errors: ["slug": pages.renderer.text("error_field_slug_taken", EditorLanguage.current)],
                                  status: .unprocessableContent, translationOf: translationOf)
        } catch ContentEditorQueries.SaveError.unknownFile(let field, let name) {
            return try await form(type, admin, item: item,
                                  errors: [field: pages.renderer.catalog.text("error_field_unknown_file", EditorLanguage.current, ["name": name])],
                                  status: .unprocessableContent, translationOf: translationOf)
        } catch ContentEditorQueries.SaveError.missingReference(let field, let id) {
            let key = switch type.fields.first(where: { $0.name == field })?.kind {
            case .image?: "error_field_missing_image"
            case .document?: "error_field_unknown_file"
            default: "error_field_missing_item"
            }
            return try await form(type, admin, item: item,
                                  errors: [field: pages.renderer.catalog.text(key, EditorLanguage.current, ["name": String(id), "number": String(id)])],
                                  status: .unprocessableContent, translationOf: translationOf)
        } catch ContentEditorQueries.SaveError.translationExists {
            return try await form(type, admin, item: item, errors: ["publish": pages.renderer.text("error_translation_exists", EditorLanguage.current)],
                                  status: .unprocessableContent, translationOf: translationOf)
        }
    }
}

extension ContentController {
    /// A create token as the form made it (`Tokens.random`), else none: anything else is not ours to store.
    static func createToken(_ posted: String) -> String? {
        (16...64).contains(posted.count) && posted.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
            ? posted : nil
    }

    static func json(_ object: [String: String], status: HTTPResponse.Status = .ok) -> Response {
        let body = (try? JSONEncoder().encode(object)) ?? Data("{}".utf8)
        return Response(status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    func autosaveNote(_ key: String, _ now: Date) -> String {
        pages.renderer.catalog.text(key, EditorLanguage.current, ["when": Self.timestamp(now.epochSeconds)])
    }

    /// Someone saved the item since the form was opened: the script says so and stops; nothing is written.
    func autosaveConflict(_ type: ContentType, id: Int64) async throws -> Response {
        let latest = try await editor.revisions(type, id: id).first
        return Self.json(["message": pages.renderer.catalog.text("admin_autosave_conflict", EditorLanguage.current, [
            "name": latest?.userName ?? "—", "when": latest.map { Self.timestamp($0.at) } ?? "—",
        ])], status: .conflict)
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
