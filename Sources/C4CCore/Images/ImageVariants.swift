import Foundation

/// The resized copies a photo is served as. Visitors never receive the uploaded file: a raster
/// image is stored once stripped of its metadata, and pages offer these widths in WebP and in the
/// image's own family (JPEG, or PNG for images that may be transparent), never wider than the image.
public enum ImageVariants {
    public static let standardWidths = [320, 640, 960, 1280, 1920]

    /// Photos as phones take them: larger files or more pixels are refused before decoding.
    public static let maximumBytes = 25 * 1024 * 1024
    public static let maximumPixels = 50_000_000

    public enum Format: String, Sendable, CaseIterable {
        case webp, jpeg, png

        public var contentType: String { "image/\(rawValue)" }
        public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }
        /// vips's save options: no metadata, a quality that keeps a 640 px photo under ~60 KB.
        public var saveOptions: String {
            switch self {
            case .webp: "[Q=75,strip]"
            case .jpeg: "[Q=80,strip,optimize_coding,interlace]"
            case .png: "[compression=9,strip]"
            }
        }
    }

    /// The widths an image `width` pixels wide is kept in: each standard width below it, and the
    /// image's own width when it is narrower than the widest standard one. Never upscaled.
    public static func widths(forImageWidth width: Int) -> [Int] {
        guard width > 0 else { return [] }
        var widths = standardWidths.filter { $0 < width }
        if width <= standardWidths.last! { widths.append(width) }
        return widths
    }

    /// The fallback family for an image stored under this file name: PNG stays PNG (it may be
    /// transparent; GIF is kept as PNG), everything else is JPEG.
    public static func fallbackFormat(forFileName name: String) -> Format {
        let ext = FileName.pathExtension(name).lowercased()
        return ext == "png" || ext == "gif" ? .png : .jpeg
    }

    /// Whether a file under this name is a raster photo that has variants (not an SVG or a document).
    public static func isRaster(fileName name: String) -> Bool {
        ["jpg", "jpeg", "png", "gif", "webp"].contains(FileName.pathExtension(name).lowercased())
    }

    /// The address of one variant: under the image's own file address, `w640/name.webp`.
    public static func path(fileID: Int64, fileName: String, width: Int, format: Format) -> String {
        FilePath.variant(id: fileID, width: width, name: FileName.deletingPathExtension(fileName) + "." + format.fileExtension)
    }

    /// `srcset` for a format: every kept width with its `w` descriptor.
    public static func srcset(fileID: Int64, fileName: String, imageWidth: Int, format: Format) -> String {
        widths(forImageWidth: imageWidth)
            .map { "\(path(fileID: fileID, fileName: fileName, width: $0, format: format)) \($0)w" }
            .joined(separator: ", ")
    }
}
