@testable import C4CWeb
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
}
