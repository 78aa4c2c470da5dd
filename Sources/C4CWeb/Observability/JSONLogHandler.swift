import Foundation
import Logging
import Synchronization

/// Log lines as JSON objects, one a line, for a log collector (`C4C_LOG_FORMAT=json`): time,
/// level, logger, message and every metadata value as a field of its own.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    let label: String
    private static let output = Mutex(FileHandle.standardOutput)

    public init(label: String, level: Logger.Level = .info) {
        self.label = label
        self.logLevel = level
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        Self.write(Self.line(time: Date(), level: level, label: label, message: message.description,
                             metadata: self.metadata.merging(explicit ?? [:]) { $1 }))
    }

    /// One JSON object and its newline. Keys are sorted, so equal events give equal lines.
    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> Data {
        var object: [String: Any] = metadata.mapValues(Self.value)
        object["time"] = time.formatted(.iso8601.year().month().day().timeSeparator(.colon).time(includingFractionalSeconds: true)
            .timeZone(separator: .omitted))
        object["level"] = level.rawValue
        object["logger"] = label
        object["message"] = message
        var data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        data.append(0x0A)
        return data
    }

    static func value(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(Self.value)
        case .dictionary(let values): values.mapValues(Self.value)
        }
    }

    private static func write(_ data: Data) {
        output.withLock { $0.write(data) }
    }
}
