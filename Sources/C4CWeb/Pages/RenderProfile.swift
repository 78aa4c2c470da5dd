import Logging
import Synchronization

/// Measures what rendering a page costs, on the real pages of a running site: each template's
/// render by `TemplateLibrary`, and — for comparison — the same view model rendered the old way,
/// through swift-mustache's `Mirror` lookups. Switched on with `C4C_RENDER_PROFILE=1` for the
/// benchmark (bench/run); it doubles the work of every render, so never in production.
final class RenderProfile: Sendable {
    private struct Totals {
        var renders = 0
        var byValues = Duration.zero
        var byReflection = Duration.zero
    }

    /// Renders between two log lines of one template.
    static let reportEvery = 500
    private let totals = Mutex<[String: Totals]>([:])
    private let logger: Logger

    init(logger: Logger) { self.logger = logger }

    func record(_ template: String, byValues: Duration, byReflection: Duration) {
        let report: Totals? = totals.withLock { totals in
            var entry = totals[template, default: Totals()]
            entry.renders += 1
            entry.byValues += byValues
            entry.byReflection += byReflection
            guard entry.renders == Self.reportEvery else {
                totals[template] = entry
                return nil
            }
            totals[template] = nil
            return entry
        }
        guard let report else { return }
        func milliseconds(_ total: Duration) -> String {
            let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
            return String(format: "%.3f", seconds * 1000 / Double(report.renders))
        }
        logger.notice("render cost", metadata: [
            "template": "\(template)", "renders": "\(report.renders)",
            "ms_by_values": "\(milliseconds(report.byValues))",
            "ms_by_reflection": "\(milliseconds(report.byReflection))",
        ])
    }
}
