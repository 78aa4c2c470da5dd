@testable import C4CWeb
import C4CCore
import Foundation
import Testing

@Suite struct FilterLinksTests {
    @Test(arguments: ["c++ & c#", "a=b", "São Paulo / Bogotá", "100%", "شارع", "x+y"])
    func aParameterValueComesBackWhole(value: String) throws {
        let href = QueryString.href("/resources", [("q", value), ("kind", "report")])
        let items = try #require(URLComponents(string: href)?.queryItems)
        #expect(items.map(\.name) == ["q", "kind"])
        #expect(items.first?.value == value)
        #expect(!href.contains("+"), "a plus sign would read as a space")
    }

    @Test func unreservedCharactersAreLeftAsTheyAre() {
        #expect(QueryString.href("/resources", [("topic", "road-safety_2.0~x")]) == "/resources?topic=road-safety_2.0~x")
        #expect(QueryString.href("/resources", []) == "/resources")
    }

    @Test func eachValueOfAGroupLinksToTheOtherFiltersWithItSetOrClearedWhenChosen() {
        let current = [("q", "c++ & bogotá"), ("topic", "road safety"), ("page", "3"), ("kind", "report")]
        let values = ["toolkit", "report", "São Paulo", "a&b=c"].map { FacetValue(value: $0, label: $0, count: 1) }
        let group = QueryString.group(name: "kind", label: "Kind", path: "/resources", current: current, values: values)
        let others = [("q", "c++ & bogotá"), ("topic", "road safety")]
        #expect(group.clearHref == QueryString.href("/resources", others))
        #expect(group.choices.map(\.href) == [
            QueryString.href("/resources", others + [("kind", "toolkit")]), QueryString.href("/resources", others),
            QueryString.href("/resources", others + [("kind", "São Paulo")]), QueryString.href("/resources", others + [("kind", "a&b=c")]),
        ])
        #expect(group.choices.map(\.selected) == [false, true, false, false])
        let alone = QueryString.group(name: "kind", label: "Kind", path: "/resources", current: [], values: values)
        #expect(alone.choices[0].href == "/resources?kind=toolkit")
    }
}
