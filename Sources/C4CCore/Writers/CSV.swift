/// RFC 4180 CSV for spreadsheets: every cell quoted, and a cell that a spreadsheet would read as a
/// formula (starting with `=`, `+`, `-`, `@`, or a tab or carriage return before one) is prefixed
/// with `'`, so an address or a name typed by a stranger can never run as one (CSV injection).
public enum CSV {
    public static func document(header: [String], rows: [[String]]) -> String {
        ([header] + rows).map(line).joined()
    }

    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
