/// A file name's extension and stem, read in Swift: `NSString`'s `pathExtension` bridges and
/// normalises slashes on Linux, 4% of the home page's CPU where every image asks it.
public enum FileName {
    /// What follows the last dot of the name's last path component: `"gz"` for `report.tar.gz`,
    /// nothing for `.profile` or `README`.
    public static func pathExtension(_ name: String) -> Substring {
        extensionDot(name).map { name[name.index(after: $0)...] } ?? ""
    }

    /// The name without its extension and the dot before it (`x.` loses its dot, as with `NSString`).
    public static func deletingPathExtension(_ name: String) -> String {
        extensionDot(name).map { String(name[..<$0]) } ?? name
    }

    /// Searched in the name's bytes: `/` and `.` are ASCII, so their byte positions are valid
    /// string indices, and walking characters backwards cost more than the rest of the lookup.
    private static func extensionDot(_ name: String) -> String.Index? {
        let bytes = name.utf8
        let start = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes.index(after: $0) } ?? bytes.startIndex
        guard let dot = bytes[start...].lastIndex(of: UInt8(ascii: ".")), dot != start else { return nil }
        return dot
    }
}
