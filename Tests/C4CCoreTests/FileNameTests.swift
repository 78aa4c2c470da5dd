import C4CCore
import Foundation
import Testing

/// `FileName` reads extensions and stems as `NSString` does, for the names files are stored under.
@Suite struct FileNameTests {
    @Test(arguments: ["photo.jpg", "Photo.JPEG", "report.tar.gz", "README", ".profile", "a.b/c", "dir/clean-air.png",
                      "été à Bogotá.webp", "x.", "two..dots.svg", "w640/name.webp"])
    func readsAsNSStringDoes(name: String) {
        #expect(String(FileName.pathExtension(name)) == (name as NSString).pathExtension)
        #expect(FileName.deletingPathExtension(name) == (name as NSString).deletingPathExtension)
    }
}
