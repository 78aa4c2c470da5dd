import C4CCore
import SQLKit

/// The media and file columns of an image, selected with the prefix `img_` (`select`).
struct ImageColumns: RowDecodable {
    var fileId: Int64?
    var fileName: String?
    var altText: String?
    var credit: String?
    var width: Int?
    var height: Int?
    var showsIdentifiableChildren: Bool?
    var consentOnFile: Bool?
    var variantsReady: Bool?

    init(row: any SQLRow) throws {
        fileId = try row.decode(column: "img_file_id")
        fileName = try row.decode(column: "img_file_name")
        altText = try row.decode(column: "img_alt_text")
        credit = try row.decode(column: "img_credit")
        width = try row.decode(column: "img_width")
        height = try row.decode(column: "img_height")
        showsIdentifiableChildren = try row.decode(column: "img_shows_identifiable_children")
        consentOnFile = try row.decode(column: "img_consent_on_file")
        variantsReady = try row.decode(column: "img_variants_ready")
    }

    /// The image, or nil when there is none or it may not be shown publicly
    /// (no alt text, no credit, or identifiable children without consent).
    var publishableImage: ImageRef? {
        guard let fileId, let fileName else { return nil }
        let image = ImageRef(
            fileID: fileId, fileName: fileName, altText: altText ?? "", credit: credit ?? "",
            width: width ?? 0, height: height ?? 0,
            showsIdentifiableChildren: showsIdentifiableChildren ?? false, consentOnFile: consentOnFile ?? false,
            variantsReady: variantsReady ?? false
        )
        return image.isPublishable && image.isServable ? image : nil
    }

    /// The select list for an image joined as media `m` and file `f`, keys prefixed `prefix`;
    /// `init(row:)` reads the `img_` prefix.
    static func select(media m: String, file f: String, prefix: String = "img_") -> String {
        """
        \(f).id AS \(prefix)file_id, \(f).name AS \(prefix)file_name, \(m).alt_text AS \(prefix)alt_text, \
        \(m).credit AS \(prefix)credit, \(m).width AS \(prefix)width, \(m).height AS \(prefix)height, \
        \(m).shows_identifiable_children AS \(prefix)shows_identifiable_children, \
        \(m).consent_on_file AS \(prefix)consent_on_file, \
        CASE WHEN \(m).variants_ready_at IS NULL THEN FALSE ELSE TRUE END AS \(prefix)variants_ready
        """
    }
}
