import Foundation

/// schema.org JSON-LD for `<script type="application/ld+json">`. The output never contains `<`,
/// so no text inside it can close the script element.
public enum JSONLD {
    public struct Organization: Encodable, Sendable {
        let context = "https://schema.org"
        let type = "Organization"
        public var name: String
        public var url: String
        public var description: String
        public var email: String?
        public var logo: String?
        public var sameAs: [String]
        public var member: [Member]

        public struct Member: Encodable, Sendable {
            let type = "Organization"
            public var name: String
            public var url: String

            public init(name: String, url: String) {
                self.name = name
                self.url = url
            }

            enum CodingKeys: String, CodingKey {
                case type = "@type", name, url
            }
        }

        public init(name: String, url: String, description: String, email: String?, logo: String?, sameAs: [String], member: [Member]) {
            self.name = name
            self.url = url
            self.description = description
            self.email = email
            self.logo = logo
            self.sameAs = sameAs
            self.member = member
        }

        enum CodingKeys: String, CodingKey {
            case context = "@context", type = "@type", name, url, description, email, logo, sameAs, member
        }
    }

    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(value), as: UTF8.self)
        return json
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}
