@testable import C4CWeb
import C4CCore
import C4CStore
import C4CTestSupport
import Foundation
import Logging
import SQLKit
import Testing

@Suite struct MailDeliveryTests {
    /// Records what it is given, pausing on each message so another worker gets its turn.
    actor RecordingTransport: MailTransport {
        private(set) var sent: [Int64] = []

        func send(_ message: MailMessage, outboxID: Int64) async throws -> MailQueries.Outcome {
            try await Task.sleep(for: .milliseconds(2))
            sent.append(outboxID)
            return .sent
        }
    }

    static func enqueue(_ count: Int, _ database: any Database, now: Date) async throws {
        try await database.write { sql in
            for index in 1...count {
                try await MailQueries.enqueue(sql, to: "reader\(index)@c4c.test", subject: "Message \(index)", body: "Hello", now: now)
            }
        }
    }

    @Test(arguments: TestDatabases.engines)
    func twoWorkersDeliveringTheSameOutboxSendEachMessageExactlyOnce(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            try await Self.enqueue(40, database, now: now)
            let mail = MailQueries(database: database)
            let transport = RecordingTransport()
            let workers = (0..<2).map { _ in
                MailDelivery(mail: mail, transport: transport, from: { "site@c4c.test" }, publicURL: "http://c4c.test",
                             clock: .fixed(now), batchSize: 5, logger: Logger(label: "test"))
            }
            async let first = workers[0].deliverDue()
            async let second = workers[1].deliverDue()
            let (byFirst, bySecond) = await (first, second)

            let sent = await transport.sent
            let queued = try await mail.all()
            #expect(sent.count == 40, "no message sent twice")
            #expect(Set(sent) == Set(queued.map(\.id)), "every message sent")
            #expect(byFirst + bySecond == 40)
            #expect(byFirst > 0 && bySecond > 0, "both workers took part (\(byFirst) and \(bySecond))")
            #expect(queued.allSatisfy { $0.status == "sent" && $0.attempts == 1 })
            let claimed = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE claimed_by IS NOT NULL OR claimed_until IS NOT NULL").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(claimed == 0, "sending clears the claim")
        }
    }

    /// Notes how many messages are claimed while each is sent.
    actor ClaimCountingTransport: MailTransport {
        let database: any Database
        private(set) var mostClaimed = 0

        init(database: any Database) { self.database = database }

        func send(_ message: MailMessage, outboxID: Int64) async throws -> MailQueries.Outcome {
            let claimed = try await database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM mail_outbox WHERE claimed_by IS NOT NULL").first()?.decode(column: "n", as: Int.self)
            } ?? 0
            mostClaimed = max(mostClaimed, claimed)
            return .sent
        }
    }

    /// Records the waits a paced worker asks for, without waiting.
    actor Pauses {
        private(set) var requested: [Duration] = []
        func record(_ duration: Duration) { requested.append(duration) }
    }

    @Test(arguments: TestDatabases.engines)
    func aPacedWorkerWaitsAMinutesShareBetweenMessagesAndClaimsOnlyWhatItCanSendWithinItsLease(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            try await Self.enqueue(7, database, now: now)
            let mail = MailQueries(database: database)
            let transport = ClaimCountingTransport(database: database)
            let pauses = Pauses()
            let worker = MailDelivery(mail: mail, transport: transport, from: { "site@c4c.test" }, publicURL: "http://c4c.test",
                                      clock: .fixed(now), perMinute: 1, pause: { await pauses.record($0) }, logger: Logger(label: "test"))
            #expect(await worker.deliverDue() == 7)
            let requested = await pauses.requested
            #expect(requested.count == 6, "a wait before every message but the first")
            #expect(requested.allSatisfy { $0 > .seconds(55) && $0 <= .seconds(60) }, "\(requested)")
            #expect(await transport.mostClaimed == 5, "one a minute: five minutes' worth claimed at a time, within the lease")
            #expect(try await mail.all().allSatisfy { $0.status == "sent" })
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aClaimedMessageIsLeftToItsWorkerUntilTheLeaseRunsOut(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            try await Self.enqueue(1, database, now: now)
            let mail = MailQueries(database: database)
            #expect(try await mail.claim(worker: "a", now: now, lease: 600).count == 1)
            #expect(try await mail.claim(worker: "b", now: now.addingTimeInterval(599)).isEmpty)
            #expect(try await mail.claim(worker: "b", now: now.addingTimeInterval(601)).count == 1, "a dead worker's messages go out later")
        }
    }

    @Test(arguments: TestDatabases.engines)
    func aMessageWrittenToAFolderIsRecordedAsWrittenWithRFC5322Headers(engine: Engine) async throws {
        try await TestDatabases.with(engine) { database in
            let now = TestDatabases.referenceNow
            try await Self.enqueue(1, database, now: now)
            let mail = MailQueries(database: database)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-mail-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let delivery = MailDelivery(mail: mail, transport: FolderMailTransport(directory: folder), from: { "site@c4c.test" },
                                        publicURL: "https://www.c4c.test:8443/", clock: .fixed(now), logger: Logger(label: "test"))
            #expect(await delivery.deliverDue() == 1)
            let message = try #require(try await mail.all().first)
            #expect(message.status == "written", "written to a folder is not sent")
            let text = try String(contentsOf: folder.appendingPathComponent("\(message.id).eml"), encoding: .utf8)
            #expect(text.contains("\r\nDate: Thu, 26 Nov 2026 12:00:00 +0000\r\n"), "the date comes from the clock")
            #expect(text.contains("\r\nMessage-ID: <outbox-\(message.id).\(message.createdAt)@www.c4c.test>\r\n"))
        }
    }
}
