import Foundation

/// An image as a page shows it: every image carries alt text and a credit, and records whether it
/// shows identifiable children and whether consent for that is on file.
public struct ImageRef: Sendable, Equatable {
    public var fileID: Int64
    public var fileName: String
    public var altText: String
    public var credit: String
    public var width: Int
    public var height: Int
    public var showsIdentifiableChildren: Bool
    public var consentOnFile: Bool
    /// Whether a photo's resized copies are made; a vector image (SVG) has none and needs none.
    public var variantsReady: Bool

    public init(fileID: Int64, fileName: String, altText: String, credit: String, width: Int, height: Int,
                showsIdentifiableChildren: Bool = false, consentOnFile: Bool = false, variantsReady: Bool = false) {
        self.fileID = fileID
        self.fileName = fileName
        self.altText = altText
        self.credit = credit
        self.width = width
        self.height = height
        self.showsIdentifiableChildren = showsIdentifiableChildren
        self.consentOnFile = consentOnFile
        self.variantsReady = variantsReady
    }

    /// A photo is shown through its variants only; an SVG as it is.
    public var isRaster: Bool { ImageVariants.isRaster(fileName: fileName) }

    /// Whether a page can show it now: an SVG always, a photo once its variants are made.
    public var isServable: Bool { !isRaster || variantsReady }

    /// `srcset` in WebP and in the image's own family; nil for an SVG.
    public var webpSrcset: String? {
        isRaster ? ImageVariants.srcset(fileID: fileID, fileName: fileName, imageWidth: width, format: .webp) : nil
    }

    public var fallbackSrcset: String? {
        isRaster ? ImageVariants.srcset(fileID: fileID, fileName: fileName, imageWidth: width,
                                        format: ImageVariants.fallbackFormat(forFileName: fileName)) : nil
    }

    /// The address for `src`: for a photo, the variant nearest 640 px (a phone's), else the file.
    public var defaultSource: String {
        guard isRaster else { return path }
        let widths = ImageVariants.widths(forImageWidth: width)
        let chosen = widths.first { $0 >= 640 } ?? widths.last ?? width
        return ImageVariants.path(fileID: fileID, fileName: fileName, width: chosen, format: ImageVariants.fallbackFormat(forFileName: fileName))
    }

    /// A small copy for the back office's chooser: the narrowest variant, or the SVG itself; nil
    /// for a photo whose variants are not made yet.
    public var thumbnailSource: String? {
        guard isRaster else { return path }
        guard variantsReady, let narrowest = ImageVariants.widths(forImageWidth: width).first else { return nil }
        return ImageVariants.path(fileID: fileID, fileName: fileName, width: narrowest, format: .webp)
    }

    /// The address the file is served from.
    public var path: String { FilePath.make(id: fileID, name: fileName) }

    /// The reasons this image may not appear on a public page; empty when it may.
    public var publicationProblems: [ImageProblem] {
        var problems: [ImageProblem] = []
        if Self.isBlank(altText) { problems.append(.missingAltText) }
        if Self.isBlank(credit) { problems.append(.missingCredit) }
        if showsIdentifiableChildren && !consentOnFile { problems.append(.identifiableChildWithoutConsent) }
        return problems
    }

    public var isPublishable: Bool { publicationProblems.isEmpty }

    /// Empty or only white space. Every public image passes through here on every page, where
    /// Foundation's `trimmingCharacters` cost 4% of the home page's CPU.
    static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }
}

public enum ImageProblem: String, Sendable, Equatable {
    case missingAltText = "image_problem_alt"
    case missingCredit = "image_problem_credit"
    case identifiableChildWithoutConsent = "image_problem_consent"
}
