import C4CCore

/// The media and file columns of an image, selected with a prefix so several can share a row.
struct ImageColumns: Decodable {
    var fileId: Int64?
    var fileName: String?
    var altText: String?
    var credit: String?
    var width: Int?
    var height: Int?
    var showsIdentifiableChildren: Bool?
    var consentOnFile: Bool?

    /// The image, or nil when there is none or it may not be shown publicly
    /// (no alt text, no credit, or identifiable children without consent).
    var publishableImage: ImageRef? {
        guard let fileId, let fileName else { return nil }
        let image = ImageRef(
            fileID: fileId, fileName: fileName, altText: altText ?? "", credit: credit ?? "",
            width: width ?? 0, height: height ?? 0,
            showsIdentifiableChildren: showsIdentifiableChildren ?? false, consentOnFile: consentOnFile ?? false
        )
        return image.isPublishable ? image : nil
    }

    /// The select list for an image joined as media `m` and file `f`, keys prefixed `prefix`.
    static func select(media m: String, file f: String, prefix: String) -> String {
        """
        \(f).id AS \(prefix)file_id, \(f).name AS \(prefix)file_name, \(m).alt_text AS \(prefix)alt_text, \
        \(m).credit AS \(prefix)credit, \(m).width AS \(prefix)width, \(m).height AS \(prefix)height, \
        \(m).shows_identifiable_children AS \(prefix)shows_identifiable_children, \
        \(m).consent_on_file AS \(prefix)consent_on_file
        """
    }
}
