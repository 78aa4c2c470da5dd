import C4CStore

/// The page cache and what decides its pages' freshness, shared by the cache middleware, the
/// watcher service and the error pages. `cache` is nil when switched off (`C4C_PAGE_CACHE=off`).
public struct PageCaching: Sendable {
    let cache: PageCache?
    let freshness: ContentFreshness
    let database: any Database

    public init(_ dependencies: AppDependencies) {
        let configuration = dependencies.configuration
        cache = configuration.pageCache ? PageCache(limit: configuration.pageCacheBytes) : nil
        freshness = ContentFreshness(database: dependencies.database, clock: dependencies.clock)
        database = dependencies.database
    }

    /// One line for the start log.
    var summary: String {
        guard let cache else { return "Page cache switched off (C4C_PAGE_CACHE=off)" }
        let limit = cache.limit >= 1_048_576 ? "\(cache.limit / 1_048_576) MB" : "\(cache.limit / 1024) KB"
        return "Page cache: up to \(limit) of pages in memory (C4C_PAGE_CACHE_MB), least recently used evicted first"
    }
}
