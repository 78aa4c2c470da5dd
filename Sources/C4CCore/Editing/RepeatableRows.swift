/// Rows an editor adds, removes and reorders: speakers, authors, files. The item's text keeps them
/// one per line with `|` between parts; the form posts each part on its own, as
/// `speakers.0.name`, so nobody types the separators.
public enum RepeatableRows {
    /// The rows of a field's text. Inside a part, a `|` is written `\|` and a backslash `\\`.
    public static func rows(fromText text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { line in
            var parts: [String] = [], part = "", escaped = false
            for character in line {
                if escaped {
                    part.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "|" {
                    parts.append(part)
                    part = ""
                } else {
                    part.append(character)
                }
            }
            if escaped { part.append("\\") }
            parts.append(part)
            return parts.map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    public static func text(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ")
        }.joined(separator: "\n")
    }

    public static func inputName(_ field: String, _ index: Int, _ column: String) -> String { "\(field).\(index).\(column)" }

    /// The rows posted for a field, in their order, without the empty ones; nil when the form sent
    /// none of its inputs (a client posting the text form instead).
    public static func posted(_ field: String, columns: [String], in pairs: [(String, String)]) -> [[String]]? {
        var byIndex: [Int: [String: String]] = [:]
        for (name, value) in pairs {
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == field, let index = Int(parts[1]), (0..<1000).contains(index),
                  columns.contains(String(parts[2])) else { continue }
            byIndex[index, default: [:]][String(parts[2])] = value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !byIndex.isEmpty else { return nil }
        return byIndex.keys.sorted().map { index in columns.map { byIndex[index]?[$0] ?? "" } }
            .filter { row in row.contains { !$0.isEmpty } }
    }

    /// What the editor asked of a field's rows with a button, without saving: `speakers:add`,
    /// `speakers:2:up`, `speakers:2:down`, `speakers:2:remove`.
    public enum Step: Equatable, Sendable {
        case add
        case up(Int)
        case down(Int)
        case remove(Int)
    }

    public static func step(_ text: String) -> (field: String, step: Step)? {
        let parts = text.split(separator: ":").map(String.init)
        if parts.count == 2, parts[1] == "add" { return (parts[0], .add) }
        guard parts.count == 3, let index = Int(parts[1]), index >= 0 else { return nil }
        switch parts[2] {
        case "up": return (parts[0], .up(index))
        case "down": return (parts[0], .down(index))
        case "remove": return (parts[0], .remove(index))
        default: return nil
        }
    }

    public static func apply(_ step: Step, to rows: [[String]], width: Int) -> [[String]] {
        var rows = rows
        switch step {
        case .add: rows.append(Array(repeating: "", count: width))
        case .up(let index) where index > 0 && index < rows.count: rows.swapAt(index, index - 1)
        case .down(let index) where index + 1 < rows.count: rows.swapAt(index, index + 1)
        case .remove(let index) where index < rows.count: rows.remove(at: index)
        default: break
        }
        return rows
    }
}

extension EditableField {
    /// The parts of each row of a repeatable field; nil for other fields.
    public var rowColumns: [String]? {
        switch kind {
        case .lines(_, _, let columns): columns
        case .attachments: ["file", "language", "label"]
        default: nil
        }
    }
}
