import ArgumentParser
import NIOCore
import NIOPosix

@main
struct C4C: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "c4c",
        abstract: "The Cities4Children platform: public site, back office and tools, in one program.",
        subcommands: [Serve.self, Migrate.self, SeedDemo.self, SeedBulk.self, CreateAdmin.self, ExplainPublicQueries.self, Backup.self, Export.self, Restore.self, ImportWordPress.self, Media.self],
        defaultSubcommand: Serve.self
    )

    /// What `@main` runs: `AsyncParsableCommand`'s own `main`, after making NIO's event loops
    /// Swift concurrency's executor. A request's handler and its socket then share a thread
    /// instead of hopping between NIO's threads and the cooperative pool at every read and write,
    /// a kernel context switch each way: an eighth of a cached page's CPU (perf, 16 connections).
    /// It must come first, before any task runs, as swift-nio asks.
    static func main() async {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        await main(nil)
    }
}
