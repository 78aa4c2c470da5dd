import C4CCore
import C4CStore
import Foundation
import Synchronization

/// Whether a cached page still shows what a fresh render would: nothing was written since it was
/// rendered (the content version is unchanged) and no scheduled instant has passed (a publication,
/// a deadline, an event starting or ending, a 'featured until'). One global "next change" for the
/// whole site: at that instant every page is rendered again, which is cheap, rather than tracking
/// which page depends on which item, which is easy to get wrong.
final class ContentFreshness: Sendable {
    /// Pages are tagged with the generation they were rendered under; a new generation starts
    /// whenever the version changes or `validUntil` passes.
    struct Snapshot: Sendable, Equatable {
        let generation: Int
        let version: Int64
        let validUntil: Date
    }

    private struct State {
        var snapshot: Snapshot?
        /// Refreshes are numbered as they start; only a later one may replace what an earlier set.
        var lastStarted = 0
        var lastApplied = 0
        var pending: Task<Snapshot?, Never>?
        /// The site settings as last read, for pages made while the database is away.
        var settings: SiteSettings?
        /// The generation `settings` were read under, when they were read for a page.
        var settingsGeneration: Int?
    }

    private let state = Mutex(State())
    let queries: ContentVersionQueries
    let settings: SettingsQueries
    let clock: WallClock

    init(database: any Database, clock: WallClock) {
        self.queries = ContentVersionQueries(database: database)
        self.settings = SettingsQueries(database: database)
        self.clock = clock
    }

    /// The snapshot pages are checked against and tagged with now: the known one while its time
    /// lasts, else a fresh one, read once for all who ask at the same moment. Nil when it cannot
    /// be known (the database is away and the known one has expired).
    func current() async -> Snapshot? {
        let now = clock.now
        let (known, task): (Snapshot?, Task<Snapshot?, Never>?) = state.withLock { state in
            if let snapshot = state.snapshot, now < snapshot.validUntil { return (snapshot, nil) }
            if let pending = state.pending { return (nil, pending) }
            let task = Task { await self.refresh() }
            state.pending = task
            return (nil, task)
        }
        if let known { return known }
        let fresh = await task?.value
        state.withLock { state in
            if state.pending == task { state.pending = nil }
        }
        return fresh
    }

    /// Reads the version; reads the next scheduled change too when the version moved or the
    /// known one has passed. Called by the watcher twice a second and after every local write.
    @discardableResult
    func refresh() async -> Snapshot? {
        let now = clock.now
        let (ticket, known) = state.withLock { state in
            state.lastStarted += 1
            return (state.lastStarted, state.snapshot)
        }
        do {
            let version = try await queries.version()
            if let known, known.version == version, now < known.validUntil { return known }
            let from = now.epochSeconds
            let next = try await queries.nextScheduledInstant(from: from)
            let remembered = known?.version == version ? nil : try? await settings.siteSettings(now: now)
            return state.withLock { state in
                if let remembered { state.settings = remembered }
                guard ticket > state.lastApplied else { return state.snapshot }
                state.lastApplied = ticket
                let validUntil = Self.validUntil(next: next, from: from, now: now)
                if let snapshot = state.snapshot, snapshot.version == version, snapshot.validUntil == validUntil { return snapshot }
                let fresh = Snapshot(generation: (state.snapshot?.generation ?? 0) + 1, version: version, validUntil: validUntil)
                state.snapshot = fresh
                return fresh
            }
        } catch {
            return state.withLock { state in
                state.snapshot.flatMap { clock.now < $0.validUntil ? $0 : nil }
            }
        }
    }

    /// The site settings public pages show: read once for each generation, not for each page.
    /// Every settings save bumps the content version, and the menu's pages change only at a
    /// scheduled instant, so within one generation they cannot differ. Read for the generation
    /// current before the read, so settings read later are never filed under an older one.
    func siteSettings() async throws -> SiteSettings {
        guard let snapshot = await current() else { return try await settings.siteSettings(now: clock.now) }
        let known = state.withLock { $0.settingsGeneration == snapshot.generation ? $0.settings : nil }
        if let known { return known }
        let fresh = try await settings.siteSettings(now: clock.now)
        state.withLock { state in
            if state.snapshot?.generation == snapshot.generation {
                state.settings = fresh
                state.settingsGeneration = snapshot.generation
            }
        }
        return fresh
    }

    /// The site settings as last read (nil before the first read), for pages that must not wait
    /// on the database.
    var lastKnownSettings: SiteSettings? { state.withLock { $0.settings } }

    /// Until when a page rendered now stays right, given the earliest scheduled instant at or
    /// after this second. Comparisons in the code change a page at an instant `x` (`x <= now`),
    /// just after it (`now <= x` on fractional time) or a second later (`x >= ` whole seconds),
    /// so a change due in this very second keeps pages for the rest of it only; one due later
    /// keeps them until it comes. The footer's year changes at the new year too.
    static func validUntil(next: Int64?, from: Int64, now: Date) -> Date {
        let scheduled = next.map { Date(epochSeconds: max($0, from + 1)) } ?? .distantFuture
        let newYear = Calendar(identifier: .gregorian).dateInterval(of: .year, for: now)?.end ?? .distantFuture
        return min(scheduled, newYear)
    }
}
