import Foundation

/// What an uploaded file really is, judged by its first bytes, not by its name; and the limits
/// each kind may not exceed.
public struct UploadKind: Sendable, Equatable {
    public let contentType: String
    public let isImage: Bool
    public let maximumBytes: Int
    public let fileExtension: String

    /// Photos as phones take them (a 12-megapixel JPEG is often over 5 MB); `ImageVariants` makes
    /// the light copies visitors get.
    public static let imageLimit = ImageVariants.maximumBytes
    public static let documentLimit = 20 * 1024 * 1024
    /// The largest upload any kind allows; reading stops past it.
    public static let overallLimit = max(imageLimit, documentLimit)

    static let png = UploadKind(contentType: "image/png", isImage: true, maximumBytes: imageLimit, fileExtension: "png")
    static let jpeg = UploadKind(contentType: "image/jpeg", isImage: true, maximumBytes: imageLimit, fileExtension: "jpg")
    static let gif = UploadKind(contentType: "image/gif", isImage: true, maximumBytes: imageLimit, fileExtension: "gif")
    static let webp = UploadKind(contentType: "image/webp", isImage: true, maximumBytes: imageLimit, fileExtension: "webp")
    static let pdf = UploadKind(contentType: "application/pdf", isImage: false, maximumBytes: documentLimit, fileExtension: "pdf")

    static let officeByExtension: [String: UploadKind] = [
        "docx": .init(contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", isImage: false, maximumBytes: documentLimit, fileExtension: "docx"),
        "xlsx": .init(contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", isImage: false, maximumBytes: documentLimit, fileExtension: "xlsx"),
        "pptx": .init(contentType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", isImage: false, maximumBytes: documentLimit, fileExtension: "pptx"),
        "odt": .init(contentType: "application/vnd.oasis.opendocument.text", isImage: false, maximumBytes: documentLimit, fileExtension: "odt"),
        "ods": .init(contentType: "application/vnd.oasis.opendocument.spreadsheet", isImage: false, maximumBytes: documentLimit, fileExtension: "ods"),
    ]

    /// The kind of these bytes, or nil when they are not a kind we accept. Office files are ZIP
    /// archives, so for them the name's extension picks the exact type once the bytes say ZIP.
    public static func detect(_ bytes: [UInt8], name: String) -> UploadKind? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && Array(bytes[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            let ext = (name as NSString).pathExtension.lowercased()
            return officeByExtension[ext]
        }
        return nil
    }

    /// Width and height read from an image's header, or nil.
    public static func dimensions(_ bytes: [UInt8], kind: UploadKind) -> (width: Int, height: Int)? {
        func be16(_ i: Int) -> Int { Int(bytes[i]) << 8 | Int(bytes[i + 1]) }
        func be32(_ i: Int) -> Int { be16(i) << 16 | be16(i + 2) }
        func le16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        switch kind {
        case .png where bytes.count >= 24: return (be32(16), be32(20))
        case .gif where bytes.count >= 10: return (le16(6), le16(8))
        case .jpeg:
            var i = 2
            while i + 8 < bytes.count {
                guard bytes[i] == 0xFF else { return nil }
                let marker = bytes[i + 1]
                let length = be16(i + 2)
                if (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker) {
                    return (be16(i + 7), be16(i + 5))
                }
                i += 2 + length
            }
            return nil
        case .webp where bytes.count >= 30:
            let chunk = String(decoding: bytes[12..<16], as: UTF8.self)
            switch chunk {
            case "VP8X": return (1 + (Int(bytes[24]) | Int(bytes[25]) << 8 | Int(bytes[26]) << 16),
                                 1 + (Int(bytes[27]) | Int(bytes[28]) << 8 | Int(bytes[29]) << 16))
            case "VP8 ": return (le16(26) & 0x3FFF, le16(28) & 0x3FFF)
            case "VP8L":
                let b = bytes[21...24].map(Int.init)
                return (1 + ((b[1] & 0x3F) << 8 | b[0]), 1 + ((b[3] & 0xF) << 10 | b[2] << 2 | (b[1] & 0xC0) >> 6))
            default: return nil
            }
        default: return nil
        }
    }
}
