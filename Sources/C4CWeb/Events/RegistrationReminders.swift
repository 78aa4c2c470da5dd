import C4CCore
import C4CStore
import Logging
import ServiceLifecycle

/// Queues the day-before reminder of every registration, once a minute: a registration's
/// reminder is marked queued in the same transaction as its mail, so a restart or a second
/// instance never sends it twice, and one missed minute is caught up by the next.
struct RegistrationReminders: Service {
    let registrations: RegistrationQueries
    let mail: RegistrationMail
    let clock: WallClock
    let logger: Logger
    var interval: Duration = .seconds(60)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await queueDue()
                try? await Task.sleep(for: interval)
            }
        }
    }

    func queueDue() async {
        let mail = self.mail
        do {
            try await registrations.queueReminders(compose: { mail.compose($0, $1, $2, token: $3, position: $4) }, now: clock.now)
        } catch is DatabaseUnavailable {
            // The engine logs the outage once; the next minute tries again.
        } catch {
            logger.error("Registration reminders could not be queued", metadata: ["error": "\(error)"])
        }
    }
}
