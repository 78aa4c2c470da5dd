import C4CCore
import C4CStore
import Foundation

/// A content list's filters, sort and page as GET parameters, so a filtered list can be
/// bookmarked and every link on it (columns, pages, the bulk form's way back) keeps the rest.
struct ContentListQuery: Sendable, Equatable {
    var search = ""
    var status: PublicationStatus?
    var language: Language?
    var organisationID: Int64?
    var authorID: Int64?
    /// `missing-fr`: originals not yet in French; `outdated-fr`: French translations older than their original.
    var translation: TranslationNeed?
    var sort = ContentEditorQueries.ListSort.updated
    var descending = true
    var page = 1

    init() {}

    /// Reads the parameters with `value`, which answers a cleaned, trimmed value or nil; anything
    /// unknown is ignored rather than refused, as a hand-edited address deserves.
    init(_ value: (String) -> String?) {
        search = value("q") ?? ""
        status = value("status").flatMap(PublicationStatus.init(rawValue:))
        language = value("lang").flatMap(Language.init(rawValue:))
        organisationID = value("org").flatMap { Int64($0) }
        authorID = value("author").flatMap { Int64($0) }
        translation = value("translation").flatMap(TranslationNeed.init(rawValue:))
        sort = value("sort").flatMap(ContentEditorQueries.ListSort.init(rawValue:)) ?? .updated
        descending = value("dir").map { $0 == "desc" } ?? sort.descendsFirst
        page = value("page").flatMap(Int.init).map { max(1, min($0, 10_000)) } ?? 1
    }

    /// The query part of a list address, as the bulk form carries it back: `status=draft&sort=title`.
    init(queryString: String) {
        let items = URLComponents(string: "?" + queryString)?.queryItems ?? []
        self.init { name in
            guard let raw = items.first(where: { $0.name == name })?.value,
                  case let value = FormText.clean(raw).trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
            return String(value.prefix(200))
        }
    }

    var filter: ContentEditorQueries.ListFilter {
        .init(search: search.isEmpty ? nil : search, status: status, language: language, organisationID: organisationID,
              authorID: authorID,
              missingIn: translation?.state == .missing ? translation?.language : nil,
              outdatedIn: translation?.state == .outdated ? translation?.language : nil, sort: sort, descending: descending, page: page)
    }

    /// The parameters in a fixed order, defaults left out; `page` only beyond the first.
    var parameters: [(String, String)] {
        var result: [(String, String)] = []
        if !search.isEmpty { result.append(("q", search)) }
        if let status { result.append(("status", status.rawValue)) }
        if let language { result.append(("lang", language.rawValue)) }
        if let organisationID { result.append(("org", String(organisationID))) }
        if let authorID { result.append(("author", String(authorID))) }
        if let translation { result.append(("translation", translation.rawValue)) }
        if sort != .updated || descending != sort.descendsFirst {
            result.append(("sort", sort.rawValue))
            result.append(("dir", descending ? "desc" : "asc"))
        }
        if page > 1 { result.append(("page", String(page))) }
        return result
    }

    /// The list sorted by `column`: the other way round when it already is, else in its natural
    /// direction; back to the first page either way.
    func sorted(by column: ContentEditorQueries.ListSort) -> ContentListQuery {
        var next = self
        next.descending = sort == column ? !descending : column.descendsFirst
        next.sort = column
        next.page = 1
        return next
    }

    var queryString: String {
        String(QueryString.href("", parameters).dropFirst())
    }

    var isFiltered: Bool {
        !search.isEmpty || status != nil || language != nil || organisationID != nil || authorID != nil || translation != nil
    }
}

/// A translation an editor looks for: a language an item is missing in, or is out of date in.
struct TranslationNeed: Sendable, Equatable, RawRepresentable {
    enum State: String, Sendable, CaseIterable { case missing, outdated }
    let state: State
    let language: Language

    init(_ state: State, _ language: Language) {
        self.state = state
        self.language = language
    }

    init?(rawValue: String) {
        let parts = rawValue.split(separator: "-", maxSplits: 1).map(String.init)
        guard parts.count == 2, let state = State(rawValue: parts[0]), let language = Language(rawValue: parts[1]) else { return nil }
        self.init(state, language)
    }

    var rawValue: String { "\(state.rawValue)-\(language.rawValue)" }

    static var all: [TranslationNeed] {
        State.allCases.flatMap { state in Language.allCases.map { TranslationNeed(state, $0) } }
    }
}
