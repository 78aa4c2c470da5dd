import Foundation

/// Real images for tests, made by libvips (which the server needs anyway), and camera metadata
/// written into a JPEG the way a phone writes it: an EXIF block with an orientation and a GPS
/// position, and a comment.
public enum TestImages {
    /// A valid 1×1 PNG.
    public static let png: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!)

    /// A grainy greyscale JPEG or PNG (by `ext`), `width` × `height`, as vips writes it.
    public static func make(width: Int, height: Int, ext: String = "jpg") throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("c4c-test-image-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("image.\(ext)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["vips", "gaussnoise", output.path + (ext == "jpg" ? "[Q=90]" : ""), String(width), String(height),
                             "--sigma", "40", "--mean", "128"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        return Array(try Data(contentsOf: output))
    }

    /// The marker text hidden in the metadata, to look for in what is stored and served.
    public static let secret = "GPS-51N-SECRET-SPOT"

    /// `jpeg` with an EXIF block (orientation, GPS latitude 51°30'N) and a comment holding
    /// `secret` inserted after its start marker.
    public static func withCameraMetadata(_ jpeg: [UInt8], orientation: UInt16 = 6) -> [UInt8] {
        func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func be32(_ value: Int) -> [UInt8] { be16(value >> 16) + be16(value & 0xFFFF) }
        var tiff: [UInt8] = Array("MM".utf8) + [0, 42] + be32(8)
        // IFD0 at 8: orientation, and the GPS IFD's offset (8 + 2 + 2 × 12 + 4 = 38).
        tiff += be16(2)
        tiff += be16(0x0112) + be16(3) + be32(1) + be16(Int(orientation)) + [0, 0]
        tiff += be16(0x8825) + be16(4) + be32(1) + be32(38)
        tiff += be32(0)
        // GPS IFD at 38: latitude reference and latitude (three rationals at 38 + 2 + 24 + 4 = 68).
        tiff += be16(2)
        tiff += be16(0x0001) + be16(2) + be32(2) + Array("N".utf8) + [0, 0, 0]
        tiff += be16(0x0002) + be16(5) + be32(3) + be32(68)
        tiff += be32(0)
        tiff += be32(51) + be32(1) + be32(30) + be32(1) + be32(0) + be32(1)
        let exif = Array("Exif".utf8) + [0, 0] + tiff
        let app1 = [0xFF, 0xE1] + be16(exif.count + 2) + exif
        let text = Array(secret.utf8)
        let comment = [0xFF, 0xFE] + be16(text.count + 2) + text
        return Array(jpeg.prefix(2)) + app1 + comment + Array(jpeg.dropFirst(2))
    }
}

extension Array where Element == UInt8 {
    /// Whether these bytes hold `text` anywhere.
    public func contains(ascii text: String) -> Bool {
        Data(self).range(of: Data(text.utf8)) != nil
    }
}
