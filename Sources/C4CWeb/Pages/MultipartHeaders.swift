import Foundation
import Hummingbird

/// What the two streamed `multipart/form-data` readers (the media library's upload and the
/// contribution form) read from headers alike.
enum MultipartHeaders {
    /// The boundary a `multipart/form-data` request declares, when it is one RFC 2046 allows
    /// (1 to 70 characters from a small set: multipart-kit traps on an empty one).
    static func boundary(_ request: Request) -> String? {
        guard let contentType = request.headers[.contentType], contentType.lowercased().hasPrefix("multipart/form-data"),
              let boundary = contentType.split(separator: ";").lazy
                .map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { $0.lowercased().hasPrefix("boundary=") })
                .map({ String($0.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }),
              isValidBoundary(boundary)
        else { return nil }
        return boundary
    }

    static func isValidBoundary(_ boundary: String) -> Bool {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'()+_,-./:=? ".utf8)
        return (1...70).contains(boundary.utf8.count) && boundary.utf8.allSatisfy(allowed.contains) && !boundary.hasSuffix(" ")
    }

    /// A part's field name and file name from its `Content-Disposition` header; nil for any other header.
    static func disposition(_ name: String, _ value: String) -> (name: String?, filename: String?)? {
        guard name.lowercased() == "content-disposition" else { return nil }
        var result: (name: String?, filename: String?) = (nil, nil)
        for parameter in value.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            let unquoted = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if pair[0].lowercased() == "name" { result.name = unquoted }
            if pair[0].lowercased() == "filename" { result.filename = unquoted }
        }
        return result
    }
}
