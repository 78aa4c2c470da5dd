import C4CCore
import Testing

@Suite struct EditorFormRulesTests {
    @Test func postedRowsKeepTheirOrderAndDropEmptyOnes() {
        let pairs = [("speakers.10.name", "Third"), ("speakers.0.name", "First"), ("speakers.0.role", "Host"), ("speakers.1.name", ""),
                     ("speakers.2.name", "Second"), ("speakers.x.name", "ignored"), ("other.0.name", "ignored"), ("speakers.0.bogus", "ignored")]
        #expect(RepeatableRows.posted("speakers", columns: ["name", "role"], in: pairs) == [["First", "Host"], ["Second", ""], ["Third", ""]])
        #expect(RepeatableRows.posted("speakers", columns: ["name"], in: [("speakers", "a | b")]) == nil)
    }

    @Test func aBarOrBackslashInsideAPartSurvivesTheRowsText() {
        let rows = [["Organiser | host", #"C:\temp"#, ""], ["Plain", "", "end\\"]]
        #expect(RepeatableRows.rows(fromText: RepeatableRows.text(rows)) == rows)
        #expect(RepeatableRows.rows(fromText: "a | b\nc") == [["a", "b"], ["c"]])
    }

    @Test func rowStepsMoveAddAndRemoveAndIgnoreImpossibleOnes() {
        let rows = [["a"], ["b"], ["c"]]
        #expect(RepeatableRows.apply(.up(1), to: rows, width: 1) == [["b"], ["a"], ["c"]])
        #expect(RepeatableRows.apply(.down(1), to: rows, width: 1) == [["a"], ["c"], ["b"]])
        #expect(RepeatableRows.apply(.remove(0), to: rows, width: 1) == [["b"], ["c"]])
        #expect(RepeatableRows.apply(.add, to: rows, width: 2).last == ["", ""])
        #expect(RepeatableRows.apply(.up(0), to: rows, width: 1) == rows)
        #expect(RepeatableRows.apply(.down(2), to: rows, width: 1) == rows)
        #expect(RepeatableRows.apply(.remove(9), to: rows, width: 1) == rows)
        #expect(RepeatableRows.step("speakers:2:up")?.step == .up(2))
        #expect(RepeatableRows.step("speakers:add")?.field == "speakers")
        #expect(RepeatableRows.step("speakers:-1:up") == nil && RepeatableRows.step("speakers:1:sideways") == nil)
    }

    @Test func everyFieldOfEveryTypeIsInExactlyOnePanel() {
        for type in ContentTypes.all {
            let placed = type.panels.flatMap(\.fields)
            #expect(placed.sorted() == type.fields.map(\.name).sorted(), "\(type.key)")
        }
    }

    @Test func headingChecksStartBelowThePageTitleAndFollowEachOther() {
        let skipped = PublishingChecks.markdown("## Fine\n\n#### Too deep\n\n### Back up\n\n# Top again", field: "body")
        #expect(skipped.map(\.detail) == ["Too deep (h2 → h4)"])
        #expect(PublishingChecks.markdown("### First", field: "body").map(\.key) == ["check_heading_skipped"])
        #expect(PublishingChecks.markdown("```\n### code, not a heading\n```\n## Fine", field: "body").isEmpty)
    }

    @Test func vagueLinkTextIsFoundInEveryLanguageButNotInDescriptiveLinks() {
        let text = "[Click here](/a), [cliquez ici](/b), [aquí](https://x.org), [هنا](/c) and [the 2025 report on heat](/d). ![here](/files/1/a.png)"
        #expect(PublishingChecks.markdown(text, field: "body").filter { $0.key == "check_link_text_vague" }.map(\.detail)
                == ["Click here", "cliquez ici", "aquí", "هنا"])
    }

    @Test func imagesWithoutAltTextBlockAndInternalLinksAreListed() {
        let text = "![](/files/3/a.png) ![ ](/files/4/b.png) ![A park](/files/5/c.png) [x](/fr/resources/r?a=1#top) [y](https://o.org/p) [z](//evil.org/p)"
        let checks = PublishingChecks.markdown(text, field: "body")
        #expect(checks.filter { $0.severity == .blocking }.map(\.detail) == ["/files/3/a.png", "/files/4/b.png"])
        #expect(PublishingChecks.internalLinks(text) == ["/fr/resources/r"])
        #expect(PublishingChecks.images(text).compactMap(FilePath.fileID(in:)) == [3, 4, 5])
    }
}
