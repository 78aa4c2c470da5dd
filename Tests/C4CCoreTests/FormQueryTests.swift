import C4CCore
import Testing

@Suite struct FormQueryTests {
    @Test func aPlusIsASpaceAndAnEncodedPlusAPlusSign() {
        #expect(FormQuery.value("q", in: "q=bogota+school") == "bogota school")
        #expect(FormQuery.value("q", in: "q=C%2B%2B+tools") == "C++ tools")
        #expect(FormQuery.value("q", in: "q=caf%C3%A9%20Bogot%C3%A1") == "café Bogotá")
    }

    @Test func theFirstValueOfTheNamedParameterWhateverSurroundsIt() {
        #expect(FormQuery.value("q", in: "kind=report&q=first&q=second") == "first")
        #expect(FormQuery.value("q", in: "%71=encoded+name") == "encoded name", "names are decoded too")
        #expect(FormQuery.value("q", in: "q") == "")
        #expect(FormQuery.value("q", in: "q=a=b") == "a=b")
        #expect(FormQuery.value("q", in: "query=x&&qq=y") == nil)
        #expect(FormQuery.value("q", in: "q=%ZZ+50%") == "%ZZ 50%", "a malformed escape stays as it came")
        #expect(FormQuery.value("q", in: "q=%4") == "%4")
        #expect(FormQuery.value("q", in: "q=a%FFb") == "a\u{FFFD}b", "bytes that are not UTF-8 are replaced")
        #expect(FormQuery.value("topic", in: "q=x&topic=road-safety") == "road-safety")
        #expect(FormQuery.value("q", in: "") == nil)
    }
}
