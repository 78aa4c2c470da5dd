import C4CCore
import C4CStore
import Logging
import ServiceLifecycle

/// Makes the variants of every photo that has none yet, one at a time, on every instance (a claim
/// keeps two from doing the same one). Photos uploaded through the media form have theirs before
/// the form answers; this takes the rest: accepted contributions, WordPress imports, older uploads.
struct ImageVariantWorker: Service {
    let maker: ImageVariantMaker
    let clock: WallClock
    let logger: Logger
    var idle: Duration = .seconds(5)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                if await !makeNext() { try? await Task.sleep(for: idle) }
            }
        }
    }

    /// True when an image was taken, so the next one is looked for at once.
    func makeNext() async -> Bool {
        do {
            guard let outcome = try await maker.makeNext(now: clock.now) else { return false }
            if !outcome.made {
                logger.error("An image could not be read to make its variants; it is tried again tomorrow",
                             metadata: ["media": "\(outcome.mediaID)"])
            }
            return true
        } catch is DatabaseUnavailable {
            return false
        } catch is CancellationError {
            // The server is stopping; the photo's claim lapses and another run takes it.
            return false
        } catch {
            logger.error("Image variants could not be made", metadata: ["error": "\(error)"])
            return false
        }
    }
}
