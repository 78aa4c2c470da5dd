import C4CCore
import Foundation

/// Decodes, turns upright, strips and resizes raster images with libvips (`vipsthumbnail`, from
/// Debian's libvips-tools): the field's tool, fast because it shrinks while it decodes. Each call
/// works in a temporary folder of its own and leaves nothing behind.
public struct ImageProcessor: Sendable {
    public struct Image: Sendable {
        public var data: Data
        public var width: Int
        public var height: Int
        public var format: ImageVariants.Format
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init() {}

    /// Whether libvips answers; the server refuses to start without it, rather than fail uploads.
    public static func checkAvailable() async throws {
        guard let tool = ExternalTool.find("vipsthumbnail") else {
            throw Failure(description: "libvips is missing: install Debian's libvips-tools (vipsthumbnail is not on PATH)")
        }
        let result = try await ExternalTool.run(tool, ["--vips-version"], environment: ProcessInfo.processInfo.environment)
        guard result.status == 0 else {
            throw Failure(description: "vipsthumbnail --vips-version failed (\(result.errors)): reinstall Debian's libvips-tools")
        }
    }

    /// The image as it will be kept: upright (EXIF orientation applied), every piece of metadata
    /// gone (EXIF, GPS, XMP, IPTC, comments), at full size, re-encoded in its fallback family.
    public func master(of data: Data, fileName: String) async throws -> Image {
        try await shrink(data, inputName: fileName, size: "100000x100000>", format: ImageVariants.fallbackFormat(forFileName: fileName),
                         options: "[Q=90,strip]")
    }

    /// One variant of a master, `width` pixels wide.
    public func variant(of master: Data, fileName: String, width: Int, format: ImageVariants.Format) async throws -> Image {
        try await shrink(master, inputName: fileName, size: "\(width)x", format: format, options: format.saveOptions)
    }

    private func shrink(_ data: Data, inputName: String, size: String, format: ImageVariants.Format, options: String) async throws -> Image {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let ext = (inputName as NSString).pathExtension.lowercased()
        let input = folder.appendingPathComponent("in." + (ext.isEmpty ? "img" : ext))
        let output = folder.appendingPathComponent("out." + format.fileExtension)
        try data.write(to: input)
        guard let tool = ExternalTool.find("vipsthumbnail") else { throw Failure(description: "libvips is missing: install libvips-tools") }
        var environment = ProcessInfo.processInfo.environment
        // One thread: two cores serve pages while a photo is resized.
        environment["VIPS_CONCURRENCY"] = "1"
        let result = try await ExternalTool.run(tool, [input.path, "--size", size, "-o", output.path + options], environment: environment)
        guard result.status == 0 else {
            throw Failure(description: "vipsthumbnail could not read this image: \(result.errors)")
        }
        var bytes = try Data(contentsOf: output)
        if format == .webp {
            guard let clean = WebPMetadata.stripped(bytes) else { throw Failure(description: "vipsthumbnail wrote an unreadable WebP file") }
            bytes = clean
        }
        guard let kind = UploadKind.detect(Array(bytes.prefix(64 * 1024)), name: output.lastPathComponent),
              let dimensions = UploadKind.dimensions(Array(bytes.prefix(64 * 1024)), kind: kind) else {
            throw Failure(description: "vipsthumbnail wrote something that is not a \(format.rawValue) image")
        }
        return Image(data: bytes, width: dimensions.width, height: dimensions.height, format: format)
    }
}
