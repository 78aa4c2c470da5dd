import Foundation
import Synchronization

/// A program of the machine's (pg_dump, vipsthumbnail) run to its end. Foundation's `Process` on
/// threads of its own: reading its pipes and waiting for it block, and must not hold the threads
/// Swift's tasks share. (swift-subprocess 1.0.2 was tried for libvips and left a test run waiting
/// for ever: every thread idle, its monitor thread still in `epoll_wait` after the child had gone.)
enum ExternalTool {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    /// The program `name` on PATH (or in /usr/bin and /usr/local/bin), or nil.
    static func find(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/local/bin", "/usr/bin", "/bin"]
        return folders.lazy.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ executable: URL, _ arguments: [String], environment: [String: String]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = executable
                process.arguments = arguments
                process.environment = environment
                let output = Pipe()
                let errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                // Both pipes are drained at once so that neither can fill and stall the tool.
                let errorText = Mutex("")
                let errorsRead = DispatchGroup()
                let errorReader = errors.fileHandleForReading
                DispatchQueue.global().async(group: errorsRead) {
                    let text = String(decoding: errorReader.readDataToEndOfFile(), as: UTF8.self)
                    errorText.withLock { $0 = text }
                }
                let outputText = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                errorsRead.wait()
                process.waitUntilExit()
                continuation.resume(returning: Result(status: process.terminationStatus, output: outputText,
                                                      errors: errorText.withLock { $0 }))
            }
        }
    }
}
