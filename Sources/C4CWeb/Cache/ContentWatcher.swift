import ServiceLifecycle

/// Keeps this instance's page cache in step with writes made through other instances sharing the
/// database: it reads the content version twice a second, so their edits show here within one.
/// Polling costs one tiny query a tick and works the same on both engines, where LISTEN/NOTIFY
/// would need PostgreSQL and a connection held open for it.
struct ContentWatcher: Service {
    let freshness: ContentFreshness
    var interval: Duration = .milliseconds(500)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await freshness.refresh()
                try? await Task.sleep(for: interval)
            }
        }
    }
}
