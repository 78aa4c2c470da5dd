import Foundation

/// Takes the metadata chunks (EXIF, XMP, ICC profile) out of a WebP file. libvips 8.14 writes a
/// small EXIF block into every WebP even when asked to strip, and no variant may carry EXIF.
public enum WebPMetadata {
    static let removed: Set<String> = ["EXIF", "XMP ", "ICCP"]

    /// The same image without those chunks, with the extended header's flags and the file size
    /// put right; nil when the bytes are not a WebP file this can read.
    public static func stripped(_ data: Data) -> Data? {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WEBP".utf8) else { return nil }
        var body: [UInt8] = Array("WEBP".utf8)
        var offset = 12
        while offset + 8 <= bytes.count {
            let name = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16 | Int(bytes[offset + 7]) << 24
            let end = offset + 8 + size + (size & 1)
            guard end <= bytes.count || (end == bytes.count + 1 && size & 1 == 1) else { return nil }
            if !removed.contains(name) {
                var chunk = Array(bytes[offset..<min(end, bytes.count)])
                if name == "VP8X", chunk.count > 8 {
                    chunk[8] &= ~UInt8(0x20 | 0x08 | 0x04)  // ICC profile, EXIF and XMP flags
                }
                body += chunk
            }
            offset = end
        }
        let size = body.count
        let header: [UInt8] = Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24 & 0xFF)]
        return Data(header + body)
    }
}
