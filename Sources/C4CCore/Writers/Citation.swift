import Foundation

/// The facts a citation needs, and its BibTeX and RIS forms.
public struct CitationSource: Sendable {
    public var key: String
    public var title: String
    public var authors: [String]
    public var year: String
    public var publisher: String
    public var series: String
    public var number: String
    public var url: String
    public var isReport: Bool

    public init(key: String, title: String, authors: [String], year: String, publisher: String,
                series: String, number: String, url: String, isReport: Bool) {
        self.key = key
        self.title = title
        self.authors = authors
        self.year = year
        self.publisher = publisher
        self.series = series
        self.number = number
        self.url = url
        self.isReport = isReport
    }

    /// "Raman, P. and Restrepo, T. (2024). Title. Series 3. Cities4Children. URL"
    public var suggested: String {
        var text = authors.isEmpty ? publisher : authors.joined(separator: ", ")
        text += " (\(year)). \(title)."
        if !series.isEmpty { text += " \(series)\(number.isEmpty ? "" : " \(number)")." }
        text += " \(publisher). \(url)"
        return text
    }

    public var bibTeX: String {
        func field(_ name: String, _ value: String) -> String? {
            value.isEmpty ? nil : "  \(name) = {\(Self.bibEscape(value))}"
        }
        let fields = [
            field("title", title),
            field("author", authors.joined(separator: " and ")),
            field("year", year),
            field(isReport ? "institution" : "publisher", publisher),
            field("series", series),
            field("number", number),
            field("url", url),
        ].compactMap { $0 }
        return "@\(isReport ? "techreport" : "misc"){\(key),\n" + fields.joined(separator: ",\n") + "\n}\n"
    }

    public var ris: String {
        var lines = ["TY  - \(isReport ? "RPRT" : "GEN")", "TI  - \(Self.risLine(title))"]
        lines += authors.map { "AU  - \(Self.risLine($0))" }
        if !year.isEmpty { lines.append("PY  - \(year)") }
        lines.append("PB  - \(Self.risLine(publisher))")
        if !series.isEmpty { lines.append("T3  - \(Self.risLine(series))") }
        if !number.isEmpty { lines.append("IS  - \(Self.risLine(number))") }
        lines.append("UR  - \(url)")
        lines.append("ER  - ")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Braces and backslashes would break a BibTeX value; special characters are kept as UTF-8,
    /// which BibLaTeX and current BibTeX read.
    static func bibEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\textbackslash{}")
            .replacingOccurrences(of: "{", with: "\\{")
            .replacingOccurrences(of: "}", with: "\\}")
            .replacingOccurrences(of: "\n", with: " ")
    }

    static func risLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
