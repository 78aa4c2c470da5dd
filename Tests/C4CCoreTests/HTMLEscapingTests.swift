import C4CCore
import Testing

@Suite struct HTMLEscapingTests {
    @Test func escapesTheFiveSpecialCharacters() {
        #expect(HTMLEscaping.escape(#"<a href="x" title='y'>Tom & Jerry</a>"#)
            == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;")
    }

    @Test func leavesOtherTextAlone() {
        #expect(HTMLEscaping.escape("Bogotá — العربية 😀") == "Bogotá — العربية 😀")
        #expect(HTMLEscaping.escape("") == "")
    }

    /// Property: on random strings the fast escaper agrees with a plain, obviously correct one,
    /// and its output never contains a raw special character.
    @Test func agreesWithAReferenceEscaperOnRandomText() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab<>&\"' é漢字\n\t😀/=;")
        for _ in 0..<2_000 {
            let length = Int.random(in: 0..<40, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            let escaped = HTMLEscaping.escape(text)
            #expect(escaped == referenceEscape(text))
            #expect(!escaped.contains("<") && !escaped.contains(">") && !escaped.contains("\"") && !escaped.contains("'"))
        }
    }

    private func referenceEscape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
