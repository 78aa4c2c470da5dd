@testable import C4CCore
import Testing

@Suite struct TextFoldingTests {
    @Test(arguments: [
        ("Bogotá", "bogota"), ("SÃO PAULO", "sao paulo"), ("Façade", "facade"), ("Niño", "nino"), ("Über", "uber"),
        ("École", "ecole"), ("Ärzte", "arzte"), ("Straße", "strasse"), ("Œuvre", "oeuvre"), ("Łódź", "lodz"), ("İstanbul", "istanbul"),
        ("ﬁnance", "finance"), ("CO₂ 2²", "co2 22"), ("l'enfant", "l enfant"), ("child-friendly, cities!", "child friendly cities"),
        ("  many   spaces\tand\nlines ", "many spaces and lines"), ("\"quoted\" AND (or) -not *star* a:b", "quoted and or not star a b"),
        ("مَدِينَة", "مدينة"), ("", ""), ("!?", ""),
    ])
    func foldsCaseAccentsAndPunctuation(text: String, folded: String) {
        #expect(TextFolding.fold(text) == folded)
    }

    @Test func searchTermsAreDistinctWordsOnlyAndBounded() {
        #expect(TextFolding.searchTerms("Bogotá bogota BOGOTA São") == ["bogota", "sao"])
        #expect(TextFolding.searchTerms("\"x\" & y | !z ( )") == ["x", "y", "z"])
        #expect(TextFolding.searchTerms("&|!() * : -").isEmpty)
        #expect(TextFolding.searchTerms("a b c d e f g h i j k").count == 8)
        #expect(TextFolding.searchTerms(String(repeating: "x", count: 500)) == [String(repeating: "x", count: TextFolding.maxWordLength)])
    }

    @Test func namesSortByTheirFoldedFormWordByWord() {
        let names = ["Zeta", "École", "arbeit", "Ärzte", "Save the Children", "Saveur", "ecole"]
        #expect(names.sorted(by: TextFolding.precedes) == ["arbeit", "Ärzte", "ecole", "École", "Save the Children", "Saveur", "Zeta"])
    }
}

@Suite struct SearchHighlightTests {
    @Test func marksWordsThatStartWithATermWhateverTheirAccentsAndEscapesEverythingElse() {
        let html = SearchHighlight.html(#"<b>Bogotá</b> & "bogotanos" in Sao"#, terms: ["bogota", "sao"])
        #expect(html == "&lt;b&gt;<mark>Bogotá</mark>&lt;/b&gt; &amp; &quot;<mark>bogotanos</mark>&quot; in <mark>Sao</mark>")
        #expect(SearchHighlight.html("<script>x</script>", terms: []) == "&lt;script&gt;x&lt;/script&gt;")
    }

    @Test func anExcerptStartsShortlyBeforeTheFirstMatchAndSaysWhereItWasCut() {
        let words = (1...100).map { "w\($0)" }
        let text = (words[..<50] + ["Lantern"] + words[50...]).joined(separator: " ")
        let excerpt = SearchHighlight.excerpt(text, terms: ["lantern"], length: 10)
        #expect(excerpt.matched)
        #expect(excerpt.html == "… w45 w46 w47 w48 w49 w50 <mark>Lantern</mark> w51 w52 w53 …")
        let start = SearchHighlight.excerpt("Short text here.", terms: ["absent"])
        #expect(!start.matched)
        #expect(start.html == "Short text here.")
    }

    @Test func anExcerptSaysItWasCutOnlyWhereTheTextGoesOn() {
        let twelve = (1...12).map { "w\($0)" }.joined(separator: " ")
        #expect(SearchHighlight.excerpt(twelve + " Lantern.", terms: ["lantern"], length: 10).html
                == "… w7 w8 w9 w10 w11 w12 <mark>Lantern</mark>.")
        #expect(SearchHighlight.excerpt("w1 w2 Lantern w4 w5", terms: ["lantern"], length: 5).html == "w1 w2 <mark>Lantern</mark> w4 w5")
        #expect(SearchHighlight.excerpt("w1 w2 Lantern w4 w5 w6", terms: ["lantern"], length: 5).html == "w1 w2 <mark>Lantern</mark> w4 w5 …")
        let long = "Lantern " + String(repeating: "é w ", count: 5_000)
        #expect(SearchHighlight.excerpt(long, terms: ["lantern"], length: 3).html == "<mark>Lantern</mark> é w …")
        #expect(SearchHighlight.plainText(markdown: "a\tb\u{2003}c\r\nd\u{0B}e") == "a b c d e")
    }

    @Test func textIsCutIntoWordsWhereAWalkOverGraphemeClustersWouldCutIt() {
        // The reference: letters and digits decided for each grapheme cluster, as Character does.
        func clusterWords(_ text: String) -> [String] {
            var words: [String] = [], current = ""
            for character in text {
                if character.isLetter || character.isNumber { current.append(character) }
                else if !current.isEmpty { words.append(current); current = "" }
            }
            if !current.isEmpty { words.append(current) }
            return words
        }
        let texts = [
            "Bogotá, São Paulo & Zürich: 1 in 3 children (2024)", "cafe\u{301} de\u{301}ja\u{300} vu",
            "Thành phố Hồ Chí Minh", "क्षत्रिय बच्चों के अधिकार", "മലയാളം ന്\u{200D}", "مَدِينَة آمِنَة لِلأَطْفَال",
            "เด็กในเมือง", "儿童友好城市 一二三", "Straße ½ ², x²", "👩🏽‍🦱 and 🇰🇪 Nairobi", " \u{301}leading mark",
            "tab\tand\r\nnewline", "",
        ]
        for text in texts {
            let words = SearchHighlight.segments(text).filter(\.isWord).map { String($0.text) }
            #expect(words == clusterWords(text), "\(text)")
        }
    }

    @Test func aWordMatchesATermByItsFoldedStartOrWhollyForASingleLetter() {
        #expect(SearchHighlight.matches("BOGOTA", ["bogota"]))
        #expect(SearchHighlight.matches("Bogotanos", ["bogota"]))
        #expect(SearchHighlight.matches("Bogotá", ["bogota"]))
        #expect(!SearchHighlight.matches("Bogot", ["bogota"]))
        #expect(!SearchHighlight.matches("abogota", ["bogota"]))
        #expect(SearchHighlight.matches("a", ["a"]))
        #expect(!SearchHighlight.matches("ab", ["a"]), "a single letter matches only itself")
        #expect(!SearchHighlight.matches("child", ["жизнь"]))
        #expect(SearchHighlight.matches("Жизнь", ["жизн"]))
        #expect(!SearchHighlight.matches("child", []))
    }

    @Test func markdownBecomesTheWordsAReaderSees() {
        #expect(SearchHighlight.plainText(markdown: "## What *happened*\n\nSee [the report](https://x.example/a_b) > now")
                == "What happened See the report now")
        #expect(SearchHighlight.plainText(markdown: "**Bogotá** — São\u{00A0}Paulo 👩🏽‍🦱 cafe\u{301}\n\n> شارع _آمن_")
                == "Bogotá — São Paulo 👩🏽‍🦱 cafe\u{301} شارع آمن", "letters, marks and emoji pass whole; every space is one")
    }
}
