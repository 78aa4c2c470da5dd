import C4CCore
import Testing

@Suite struct WordDiffTests {
    /// The pieces as text with [-deleted-] and {+inserted+}, to read the expectations at a glance.
    static func marked(_ old: String, _ new: String) -> String {
        WordDiff.diff(old, new).map { piece in
            switch piece.kind {
            case .same: piece.text
            case .deleted: "[-\(piece.text)-]"
            case .inserted: "{+\(piece.text)+}"
            }
        }.joined()
    }

    @Test func aChangedWordIsDeletedAndInsertedAndTheRestKept() {
        #expect(Self.marked("Streets that teach children", "Streets that teach everyone") == "Streets that teach [-children-]{+everyone+}")
    }

    @Test func insertionsAndDeletionsAnywhere() {
        #expect(Self.marked("play in the street", "safe play in the street") == "{+safe +}play in the street")
        #expect(Self.marked("play in the quiet street", "play in the street") == "play in the [-quiet -]street")
        #expect(Self.marked("one two three four", "one three four five") == "one [-two -]three four{+ five+}")
    }

    @Test func aChangedPassageReadsAsItsOldWordsThenItsNewOnes() {
        #expect(Self.marked("We walk to school together", "We cycle to the park together")
            == "We [-walk-]{+cycle+} to [-school-]{+the park+} together")
        #expect(Self.marked("a b c", "x y z") == "[-a b c-]{+x y z+}")
    }

    @Test func punctuationIsAWordOfItsOwn() {
        #expect(Self.marked("Play streets.", "Play streets!") == "Play streets[-.-]{+!+}")
        #expect(WordDiff.tokens("Hello, world!") == ["Hello", ",", " ", "world", "!"])
    }

    @Test func equalAndEmptyTexts() {
        #expect(WordDiff.diff("same text", "same text") == [WordDiff.Piece(.same, "same text")])
        #expect(WordDiff.diff("", "") == [])
        #expect(WordDiff.diff("", "new words") == [WordDiff.Piece(.inserted, "new words")])
        #expect(WordDiff.diff("old words", "") == [WordDiff.Piece(.deleted, "old words")])
    }

    @Test func nonLatinScriptsAndLineBreaks() {
        #expect(Self.marked("مدن آمنة للأطفال", "مدن صديقة للأطفال") == "مدن [-آمنة-]{+صديقة+} للأطفال")
        #expect(Self.marked("line one\nline two", "line one\nline three") == "line one\nline [-two-]{+three+}")
    }

    /// Property: whatever the texts, keeping the same and deleted pieces gives the old text back,
    /// and keeping the same and inserted pieces gives the new one.
    @Test func thePiecesRebuildBothTexts() {
        let words = ["play", "street", "school", "child", ",", ".", " ", " ", "\n", "city", "safe"]
        for _ in 0..<500 {
            let old = (0..<Int.random(in: 0..<40)).map { _ in words.randomElement()! }.joined()
            let new = (0..<Int.random(in: 0..<40)).map { _ in words.randomElement()! }.joined()
            let pieces = WordDiff.diff(old, new)
            #expect(pieces.filter { $0.kind != .inserted }.map(\.text).joined() == old)
            #expect(pieces.filter { $0.kind != .deleted }.map(\.text).joined() == new)
        }
    }

    @Test func textsWithLittleInCommonBeyondTheLimitAreReplacedWhole() {
        let old = (0..<2_000).map { "a\($0)" }.joined(separator: " ")
        let new = (0..<2_000).map { "b\($0)" }.joined(separator: " ")
        let pieces = WordDiff.diff("start " + old + " end", "start " + new + " end")
        #expect(pieces.map(\.kind) == [.same, .deleted, .inserted, .same])
        #expect(pieces.filter { $0.kind != .inserted }.map(\.text).joined() == "start " + old + " end")
    }
}
