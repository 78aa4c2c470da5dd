import C4CWeb
import Foundation
import Logging

/// How the server writes its log: `C4C_LOG_FORMAT=json` for one JSON object a line, text
/// otherwise; `C4C_LOG_LEVEL` (trace … critical, `info` by default) for how much.
enum LogOutput {
    static func bootstrap(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let level = environment["C4C_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        if environment["C4C_LOG_FORMAT"]?.lowercased() == "json" {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0, level: level) }
        } else {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardOutput(label: label)
                handler.logLevel = level
                return handler
            }
        }
    }
}
