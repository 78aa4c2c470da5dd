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

    /// A JSON value with object keys in the order written, for schema.org nodes of any type.
    public indirect enum Term: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
        ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
        case string(String), int(Int), bool(Bool), array([Term]), object([(String, Term)]), null

        public init(stringLiteral value: String) { self = .string(value) }
        public init(integerLiteral value: Int) { self = .int(value) }
        public init(booleanLiteral value: Bool) { self = .bool(value) }
        public init(arrayLiteral elements: Term...) { self = .array(elements) }
        public typealias Key = String
        public typealias Value = Term
        public init(dictionaryLiteral elements: (String, Term)...) { self = .object(elements) }

        /// Leaves out empty strings and nulls, so optional fields simply disappear.
        public static func object(dropping pairs: [(String, Term)]) -> Term {
            .object(pairs.filter { _, value in
                switch value {
                case .null: false
                case .string(let text): !text.isEmpty
                case .array(let items): !items.isEmpty
                default: true
                }
            })
        }

        private struct FieldName: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .string(let text): var c = encoder.singleValueContainer(); try c.encode(text)
            case .int(let number): var c = encoder.singleValueContainer(); try c.encode(number)
            case .bool(let flag): var c = encoder.singleValueContainer(); try c.encode(flag)
            case .null: var c = encoder.singleValueContainer(); try c.encodeNil()
            case .array(let items):
                var c = encoder.unkeyedContainer()
                for item in items { try c.encode(item) }
            case .object(let pairs):
                var c = encoder.container(keyedBy: FieldName.self)
                for (key, value) in pairs { try c.encode(value, forKey: FieldName(stringValue: key)) }
            }
        }
    }

    /// A schema.org node: `@context` and `@type` first, then the given properties.
    public static func node(_ type: String, _ properties: [(String, Term)]) throws -> String {
        try encode(Term.object(dropping: [("@context", "https://schema.org"), ("@type", .string(type))] + properties))
    }

    public static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return scriptSafe(try encoder.encode(value))
    }

    private static let lessThan = Array("\\u003c".utf8), greaterThan = Array("\\u003e".utf8), ampersand = Array("\\u0026".utf8)

    /// The JSON with `<`, `>` and `&` written as escapes, so no text in it can close the script
    /// element it is placed in. One pass over the bytes: Foundation's `replacingOccurrences`
    /// took an eighth of the home page's CPU.
    static func scriptSafe(_ json: Data) -> String {
        var safe: [UInt8] = []
        safe.reserveCapacity(json.count + 32)
        for byte in json {
            switch byte {
            case UInt8(ascii: "<"): safe.append(contentsOf: lessThan)
            case UInt8(ascii: ">"): safe.append(contentsOf: greaterThan)
            case UInt8(ascii: "&"): safe.append(contentsOf: ampersand)
            default: safe.append(byte)
            }
        }
        return String(decoding: safe, as: UTF8.self)
    }
}
