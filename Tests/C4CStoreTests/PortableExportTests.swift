import C4CStore
import C4CTestSupport
import Foundation
import SQLKit
import Testing
import ZIPFoundation

/// `c4c export` and `c4c restore FILE.zip` through the library they call: an export of either
/// engine restores into either engine with every table's rows as they were, file bytes included,
/// and an export that is damaged, foreign or newer is refused without touching the target.
@Suite struct PortableExportTests {
    static let attachmentBytes = Data((0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) })

    @Test(arguments: TestDatabases.engines)
    func anExportRestoresIntoEitherEngineWithEveryRowAndFileAsItWas(source engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let deletedMessage = try await Self.seedExtraRows(database)
            let expected = try await Self.content(of: database)
            let expectedSearch = try await Self.searchAnswers(database)
            try await Self.withExport(of: database) { zip in
                for target in TestDatabases.engines {
                    try await BackupRoundTripTests.withFreshTarget(target) { location in
                        let restored = try await PortableRestore.restore(zip, into: location, replace: false, logger: TestDatabases.logger)
                        #expect(restored.pendingMigrations == 0)
                        let database = try await location.open(logger: TestDatabases.logger)
                        do {
                            try Self.expectSame(try await Self.content(of: database), as: expected, "\(engine) → \(target)")
                            #expect(try await Migrator(database: database).migrate().isEmpty,
                                    "\(engine) → \(target): the migrations are recorded with this engine's checksums, none pending")
                            #expect(try await database.read { try await SearchIndex.differences($0) }.isEmpty,
                                    "\(engine) → \(target): every search document matches its content")
                            #expect(try await Self.searchAnswers(database) == expectedSearch,
                                    "\(engine) → \(target): the full-text index finds what the source's finds")
                            try await Self.expectNewRowsTakeFreshIDs(database, after: deletedMessage, "\(engine) → \(target)")
                        } catch {
                            try? await database.close()
                            throw error
                        }
                        try await database.close()
                    }
                }
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anExportTakenWhileWritingHoldsEveryTableAsOfOneInstant(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { database in
            let stop = StopFlag()
            let writer = Task { try await BackupRoundTripTests.writePairsOfMessages(database, until: stop) }
            try await BackupRoundTripTests.waitForPairs(database, atLeast: 5)
            let exported: Result<Void, any Error>
            do {
                try await Self.withExport(of: database, expectingFiles: false) { zip in
                    try await BackupRoundTripTests.withFreshTarget(engine) { location in
                        _ = try await PortableRestore.restore(zip, into: location, replace: false, logger: TestDatabases.logger)
                        let restored = try await location.open(logger: TestDatabases.logger)
                        let names: [String]
                        do {
                            names = try await BackupRoundTripTests.writerRows(restored)
                        } catch {
                            try? await restored.close()
                            throw error
                        }
                        try await restored.close()
                        let pairs = Set(names.map { $0.dropLast(2) })
                        #expect(names.count == pairs.count * 2, "no transaction is half in the export")
                        #expect(pairs.count >= 5 && pairs == Set((0..<pairs.count).map { "writer-\($0)" }), "the export holds a prefix of the writes")
                    }
                }
                exported = .success(())
            } catch {
                exported = .failure(error)
            }
            stop.value.store(true, ordering: .relaxed)
            try await writer.value
            try exported.get()
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aTargetThatHoldsASiteIsRefusedUnlessReplaceIsAsked(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { source in
            try await Self.seedExtraRows(source)
            let expected = try await Self.content(of: source)
            try await Self.withExport(of: source) { zip in
                let target = try await TestDatabases.make(engine, seeded: true)
                do {
                    let location = try await BackupRoundTripTests.location(of: target.database)
                    let before = try await DatabaseFingerprint.of(target.database)
                    await #expect { try await PortableRestore.restore(zip, into: location, replace: false, logger: TestDatabases.logger) } throws: { error in
                        guard case PortableExportError.targetHoldsASite = error else { return false }
                        return true
                    }
                    #expect(try await DatabaseFingerprint.of(target.database) == before)
                    try await target.database.close()

                    _ = try await PortableRestore.restore(zip, into: location, replace: true, logger: TestDatabases.logger)
                    let replaced = try await location.open(logger: TestDatabases.logger)
                    do {
                        try Self.expectSame(try await Self.content(of: replaced), as: expected, "replaced \(engine)")
                    } catch {
                        try? await replaced.close()
                        throw error
                    }
                    try await replaced.close()
                } catch {
                    await target.dispose()
                    throw error
                }
                await target.dispose()
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aDamagedForeignOrNewerExportIsRefusedAndChangesNothing(engine: Engine) async throws {
        try await TestDatabases.with(engine, seeded: true) { source in
            try await Self.seedExtraRows(source)
            try await Self.withExport(of: source) { zip in
                let directory = zip.deletingLastPathComponent()
                let notAZip = directory.appendingPathComponent("notes.zip")
                try Data("a text file under a zip's name".utf8).write(to: notAZip)

                let foreign = directory.appendingPathComponent("photos.zip")
                let photos = try Archive(url: foreign, accessMode: .create)
                try Self.add(Data("not ours".utf8), as: "holiday.txt", to: photos)

                let newer = try Self.copy(zip, as: "newer.zip") { manifest in manifest["formatVersion"] = 2 }
                let otherSchema = try Self.copy(zip, as: "edited.zip") { manifest in
                    var migrations = manifest["migrations"] as! [[String: Any]]
                    migrations[0]["checksum"] = String(repeating: "0", count: 64)
                    manifest["migrations"] = migrations
                }

                // A flipped byte in the middle of a stored file body: the zip still opens, the
                // schema is created and rows are inserted before the entry's checksum fails.
                let damaged = directory.appendingPathComponent("damaged.zip")
                var bytes = try Data(contentsOf: zip)
                let body = try #require(bytes.firstRange(of: BackupRoundTripTests.fileBytes.prefix(4_096)))
                bytes[body.lowerBound + 2_000] ^= 0xFF
                try bytes.write(to: damaged)

                let target = try await TestDatabases.make(engine, seeded: true)
                do {
                    let location = try await BackupRoundTripTests.location(of: target.database)
                    let before = try await DatabaseFingerprint.of(target.database)
                    let cases: [(URL, (PortableExportError) -> Bool)] = [
                        (notAZip, { if case .notAZip = $0 { true } else { false } }),
                        (foreign, { if case .notAnExport = $0 { true } else { false } }),
                        (newer, { if case .newerFormat(_, version: 2) = $0 { true } else { false } }),
                        (otherSchema, { if case .otherSchema = $0 { true } else { false } }),
                        (damaged, { if case .damaged = $0 { true } else { false } }),
                    ]
                    for (file, expected) in cases {
                        await #expect { try await PortableRestore.restore(file, into: location, replace: true, logger: TestDatabases.logger) } throws: { error in
                            guard let refusal = error as? PortableExportError else { return false }
                            return expected(refusal)
                        }
                        #expect(try await DatabaseFingerprint.of(target.database) == before, "\(file.lastPathComponent) changed nothing")
                    }
                    if case .sqlite(let path) = location {
                        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
                        let name = URL(fileURLWithPath: path).lastPathComponent
                        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".\(name).") }
                        #expect(leftovers.isEmpty, "no half-restored file is left beside the database")
                    }
                } catch {
                    await target.dispose()
                    throw error
                }
                await target.dispose()
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func anExportFromAnOlderSchemaRestoresAndLeavesTheNewerMigrationsToTheMigrator(engine: Engine) async throws {
        try await TestDatabases.withBlank(engine) { database in
            let older = Array(Schema.migrations.dropLast())
            try await Migrator(database: database, migrations: older).migrate()
            try await database.write { sql in
                _ = try await Inserter(sql).insert("users", ["email": "early@example.org", "name": "Early", "password_hash": "x",
                                                             "role": "administrator", "created_at": Int64(1), "updated_at": Int64(1)])
            }
            try await Self.withExport(of: database, expectingFiles: false) { zip in
                for target in TestDatabases.engines {
                    try await BackupRoundTripTests.withFreshTarget(target) { location in
                        let restored = try await PortableRestore.restore(zip, into: location, replace: false, logger: TestDatabases.logger)
                        #expect(restored.pendingMigrations == 1 && restored.rows["users"] == 1)
                        let database = try await location.open(logger: TestDatabases.logger)
                        do {
                            #expect(try await Migrator(database: database).migrate() == [Schema.migrations.last!.id],
                                    "\(engine) → \(target): the migrator applies the newer step")
                        } catch {
                            try? await database.close()
                            throw error
                        }
                        try await database.close()
                    }
                }
            }
        }
    }

    // MARK: - Seeding

    /// The demo site plus a row in each table an alliance must not lose: users, subscribers, a
    /// contribution with its file, a registration, a redirect, mail with an attachment.
    /// Returns the id of a message deleted after it was written.
    @discardableResult
    static func seedExtraRows(_ database: any Database) async throws -> Int64 {
        try await BackupRoundTripTests.seedOneOfEach(database)
        return try await database.write { sql in
            let insert = Inserter(sql)
            let event = try #require(try await sql.raw("SELECT MIN(id) AS id FROM events").first()?.decode(column: "id", as: Int64.self))
            try await insert.insert("registrations", [
                "event_id": event, "name": "Ré Gistrant \"quoted\"\n", "email": "registrant@example.org", "cancel_token_hash": "hash-1",
                "status": "registered", "queued_at": Int64(4), "created_at": Int64(4),
            ])
            let mail = try await insert.insert("mail_outbox", [
                "to_address": "registrant@example.org", "subject": "Your place", "body_text": "Tab\there, emoji 🎈, \\ backslash",
                "next_attempt_at": Int64(5), "created_at": Int64(5),
            ])
            try await insert.link("mail_attachments", ["mail_id": mail, "position": 1, "filename": "invite.ics",
                                                       "content_type": "text/calendar", "bytes": attachmentBytes])
            try await insert.link("redirects", ["from_path": "/?p=42", "to_path": "/en/blog/kept", "status_code": 301])
            // A row deleted: its id must never be handed out again.
            let gone = try await insert.insert("contact_messages", ["name": "Gone", "email": "gone@example.org", "message": "x", "created_at": Int64(6)])
            try await sql.raw("DELETE FROM contact_messages WHERE id = \(bind: gone)").run()
            return gone
        }
    }

    // MARK: - Exporting

    static func withExport(of database: any Database, expectingFiles: Bool = true, _ body: (URL) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("site.zip")
        let written = try await PortableExport.write(of: database, to: zip)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["site.zip"], "only the finished export is left")
        let archive = try Archive(url: zip, accessMode: .read)
        #expect(archive["FORMAT.md"] != nil && archive["manifest.json"] != nil && archive["tables/users.jsonl"] != nil)
        if expectingFiles {
            #expect(written.rows["files"] ?? 0 > 0 && written.rows["mail_attachments"] == 1)
            #expect(archive["blobs/files/data/1"] != nil, "file bodies are entries of their own, not base64 in JSON")
        }
        try await body(zip)
    }

    /// The export with its manifest changed by `edit`.
    static func copy(_ zip: URL, as name: String, editing edit: (inout [String: Any]) -> Void) throws -> URL {
        let copy = zip.deletingLastPathComponent().appendingPathComponent(name)
        try FileManager.default.copyItem(at: zip, to: copy)
        let archive = try Archive(url: copy, accessMode: .update)
        let entry = try #require(archive["manifest.json"])
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        var manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&manifest)
        try archive.remove(entry)
        try add(try JSONSerialization.data(withJSONObject: manifest), as: "manifest.json", to: archive)
        return copy
    }

    static func add(_ data: Data, as path: String, to archive: Archive) throws {
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
        }
    }

    // MARK: - Comparing

    /// Every table's rows, each cell written out by its kind, so that SQLite's 0/1 and
    /// PostgreSQL's booleans, or its BYTEA and SQLite's BLOB, compare equal. A migration's checksum
    /// is the engine's own and is left out here; the migrator checks it.
    static func content(of database: any Database) async throws -> [String: [String]] {
        let engine = database.engine
        return try await database.read { sql in
            var content: [String: [String]] = [:]
            for table in try await PortableSchema.tables(sql, engine) {
                let columns = table.columns.filter { !(table.name == "schema_migrations" && $0.name == "checksum") }
                let select = "SELECT * FROM \"\(table.name)\""
                let rows = try await sql.raw(SQLQueryString(select)).all()
                content[table.name] = try rows.map { row in
                    try columns.map { column -> String in
                        if try row.decodeNil(column: column.name) { return "\(column.name)=∅" }
                        let value: String = switch column.kind {
                        case .integer: String(try row.decode(column: column.name, as: Int64.self))
                        case .boolean: String(try row.decode(column: column.name, as: Bool.self))
                        case .text: try row.decode(column: column.name, as: String.self).debugDescription
                        case .real: String(try row.decode(column: column.name, as: Double.self))
                        case .blob: try row.decode(column: column.name, as: Data.self).base64EncodedString()
                        }
                        return "\(column.name)=\(value)"
                    }.joined(separator: "|")
                }.sorted()
            }
            return content
        }
    }

    static func expectSame(_ actual: [String: [String]], as expected: [String: [String]], _ trip: String) throws {
        #expect(actual.keys.sorted() == expected.keys.sorted(), "\(trip): the same tables")
        for (table, rows) in expected {
            let restored = actual[table] ?? []
            #expect(restored.count == rows.count, "\(trip): \(table) row count")
            #expect(restored == rows, "\(trip): \(table) content")
        }
        let users = expected["users"] ?? []
        #expect(users.contains { $0.contains("Backup Editor") }, "the comparison saw the seeded rows")
        let files = expected["files"] ?? []
        #expect(files.contains { $0.contains(BackupRoundTripTests.fileBytes.base64EncodedString()) }, "and the file's bytes")
    }

    /// How many documents of each kind the engine's own full-text index finds for a few words.
    static func searchAnswers(_ database: any Database) async throws -> [String] {
        let engine = database.engine
        return try await database.read { sql in
            var answers: [String] = []
            for kind in ["resources", "events", "blog", "vacancies", "members", "pages"] {
                for word in ["child", "city", "play", "a"] {
                    let query: SQLQueryString = engine == .sqlite
                        ? "SELECT COUNT(*) AS n FROM \(unsafeRaw: "search_fts_\(kind)") WHERE \(unsafeRaw: "search_fts_\(kind)") MATCH \(bind: "\(word)*")"
                        : "SELECT COUNT(*) AS n FROM search_documents WHERE kind = \(bind: kind) AND document @@ to_tsquery('simple', \(bind: "\(word):*"))"
                    let count = try await sql.raw(query).first()?.decode(column: "n", as: Int64.self) ?? -1
                    answers.append("\(kind) \(word): \(count)")
                }
            }
            return answers
        }
    }

    /// Counters continue after the highest id, or the highest ever handed out, never reuse one.
    static func expectNewRowsTakeFreshIDs(_ database: any Database, after deletedMessage: Int64, _ trip: String) async throws {
        try await database.write { sql in
            let highest = try await sql.raw("SELECT MAX(id) AS id FROM users").first()?.decode(column: "id", as: Int64.self) ?? 0
            let user = try await Inserter(sql).insert("users", ["email": "new@example.org", "name": "New", "password_hash": "x",
                                                                "role": "editor", "created_at": Int64(7), "updated_at": Int64(7)])
            #expect(user == highest + 1, "\(trip): a new user takes the next id")
            let message = try await Inserter(sql).insert("contact_messages", ["name": "New", "email": "new@example.org", "message": "y",
                                                                              "created_at": Int64(7)])
            #expect(message > deletedMessage, "\(trip): a deleted message's id is not handed out again")
        }
    }
}
