import Foundation
import SQLKit

/// One cell of a portable export, typed as the column is: the same value reads from and binds to
/// either engine. A blob stands in a JSON line as `{"blob": "blobs/files/data/12"}`, the zip entry
/// that holds its bytes.
enum PortableValue: Equatable {
    case null, integer(Int64), boolean(Bool), text(String), real(Double), blob(Data)

    static func read(_ row: any SQLRow, _ column: PortableSchema.Column) throws -> PortableValue {
        let name = column.name
        let value: PortableValue? = switch column.kind {
        case .integer: try row.decode(column: name, as: Int64?.self).map { .integer($0) }
        case .boolean: try row.decode(column: name, as: Bool?.self).map { .boolean($0) }
        case .text: try row.decode(column: name, as: String?.self).map { .text($0) }
        case .real: try row.decode(column: name, as: Double?.self).map { .real($0) }
        case .blob: try row.decode(column: name, as: Data?.self).map { .blob($0) }
        }
        return value ?? .null
    }

    /// NULL is written as a literal: a typeless null bind is what PostgreSQL would have to guess at.
    var expression: any SQLExpression {
        switch self {
        case .null: SQLLiteral.null
        case .integer(let value): SQLBind(value)
        case .boolean(let value): SQLBind(value)
        case .text(let value): SQLBind(value)
        case .real(let value): SQLBind(value)
        case .blob(let value): SQLBind(value)
        }
    }
}

/// A row as one line of JSON, keys in the table's column order.
enum PortableJSONLine {
    /// `blobEntry` names the entry a blob column's bytes go to; the caller writes the bytes.
    static func encode(_ values: [PortableValue], _ columns: [PortableSchema.Column], blobEntry: (Int) -> String) throws -> String {
        var line = "{"
        for (index, (value, column)) in zip(values, columns).enumerated() {
            if index > 0 { line += "," }
            line += string(column.name) + ":"
            switch value {
            case .null: line += "null"
            case .integer(let number): line += String(number)
            case .boolean(let flag): line += flag ? "true" : "false"
            case .text(let text): line += string(text)
            case .real(let number):
                guard number.isFinite else { throw PortableExportError.notFinite(column.name) }
                line += "\(number)"
            case .blob: line += "{\"blob\":" + string(blobEntry(index)) + "}"
            }
        }
        return line + "}\n"
    }

    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}":
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The cells of one line, checked against the column's kind; a blob is returned as the name of
    /// its entry, for the caller to read.
    enum Cell: Decodable {
        case null, boolean(Bool), integer(Int64), real(Double), text(String), blob(entry: String)

        private struct BlobReference: Decodable { let blob: String }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null }
            else if let flag = try? container.decode(Bool.self) { self = .boolean(flag) }
            else if let number = try? container.decode(Int64.self) { self = .integer(number) }
            else if let number = try? container.decode(Double.self) { self = .real(number) }
            else if let text = try? container.decode(String.self) { self = .text(text) }
            else { self = .blob(entry: try container.decode(BlobReference.self).blob) }
        }
    }

    static func decode(_ line: Data) throws -> [String: Cell] {
        try JSONDecoder().decode([String: Cell].self, from: line)
    }
}
