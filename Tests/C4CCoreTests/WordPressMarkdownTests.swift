import C4CCore
import Testing

private let photo = WordPressMarkdown.File(path: "/files/7/photo.jpg", mediaID: 3, isImage: true)
private let report = WordPressMarkdown.File(path: "/files/8/report.pdf", mediaID: 4, isImage: false)

private let converter = WordPressMarkdown(
    fileAtAddress: { address in
        if address.contains("/uploads/2026/11/photo") { return photo }
        if address.contains("/uploads/2026/11/report.pdf") { return report }
        return nil
    },
    fileWithID: { $0 == 101 ? photo : nil })

@Suite struct WordPressMarkdownTests {
    @Test func gutenbergBlocksBecomeMarkdownWithoutTheirComments() {
        let result = converter.convert("""
            <!-- wp:heading --><h2 class="wp-block-heading">Why streets matter</h2><!-- /wp:heading -->

            <!-- wp:paragraph --><p>Children in <strong>Nairobi</strong> and <em>Bogotá</em> said <a href="https://example.org/r">this</a>.</p><!-- /wp:paragraph -->

            <!-- wp:list --><ul><!-- wp:list-item --><li>Slower traffic</li><!-- /wp:list-item --><li>Shade</li></ul><!-- /wp:list -->

            <!-- wp:quote --><blockquote class="wp-block-quote"><p>Good for everyone.</p></blockquote><!-- /wp:quote -->

            <!-- wp:code --><pre class="wp-block-code"><code>speed_limit = 20 &lt; 30</code></pre><!-- /wp:code -->
            """)
        #expect(result.markdown == """
            ## Why streets matter

            Children in **Nairobi** and *Bogotá* said [this](https://example.org/r).

            - Slower traffic
            - Shade

            > Good for everyone.

            ```
            speed_limit = 20 < 30
            ```
            """)
        #expect(result.unconverted.isEmpty)
    }

    @Test func classicEditorBlankLinesAreParagraphsAndListsNumber() {
        let result = converter.convert("First paragraph\nstill first.\n\nSecond one.\n<ol>\n\t<li>One</li>\n\t<li>Two</li>\n</ol>")
        #expect(result.markdown == "First paragraph still first.\n\nSecond one.\n\n1. One\n2. Two")
    }

    @Test func imagesPointAtImportedMediaAndResizedCopiesFindTheirOriginal() {
        let result = converter.convert(#"<figure><img src="https://old.example/wp-content/uploads/2026/11/photo-300x200.jpg" alt="Kids [at] play"/></figure>"#)
        #expect(result.markdown == "![Kids &#91;at&#93; play](/files/7/photo.jpg)")
        #expect(result.mediaIDs == [3])
    }

    @Test func captionGalleryAndEmbedShortcodesAreConverted() {
        let result = converter.convert("""
            [caption id="attachment_101" width="300"]<img src="https://old.example/wp-content/uploads/2026/11/photo.jpg" alt="A street" /> Our street[/caption]

            [gallery ids="101"]

            [embed]https://www.youtube.com/watch?v=abc[/embed]
            """)
        #expect(result.markdown == """
            ![A street](/files/7/photo.jpg)

            *Our street*

            ![](/files/7/photo.jpg)

            [https://www.youtube.com/watch?v=abc](https://www.youtube.com/watch?v=abc)
            """)
        #expect(result.unconverted.isEmpty)
    }

    @Test func whatHasNoMarkdownFormIsKeptAsTextAndListed() {
        let result = converter.convert("""
            <p>Before</p>[contact-form-7 id="5"]<table><tr><td>City</td></tr></table><script>alert(1)</script><p onclick="x()">After</p>
            """)
        #expect(result.unconverted == ["[contact-form-7] shortcode", "<table>", "<script> removed"])
        #expect(result.markdown.contains("&#91;contact-form-7 id=\"5\"&#93;"))
        #expect(result.markdown.contains("```\n<table><tr><td>City</td></tr></table>\n```"))
        #expect(!result.markdown.contains("alert"))
        // Rendered, nothing of it is markup: the table shows as code, the shortcode as text.
        let html = Markdown.html(result.markdown)
        #expect(!html.contains("<table"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<p>After</p>"))
    }

    @Test func textThatLooksLikeMarkdownOrHTMLStaysText() {
        let result = converter.convert("<p>5 * 3 = 15, a_b_c, &lt;b&gt;not bold&lt;/b&gt; and [brackets]</p><p># not a heading</p>")
        let html = Markdown.html(result.markdown)
        #expect(html.contains("5 &#42; 3 = 15, a&#95;b&#95;c, &lt;b&gt;not bold&lt;/b&gt; and &#91;brackets&#93;"))
        #expect(!html.contains("<em>"))
        #expect(!html.contains("<h"))
    }

    @Test func unsafeLinksLoseTheirTargetAndUploadLinksFindTheFile() {
        let result = converter.convert(#"<p><a href="javascript:alert(1)">click</a> and <a href="https://old.example/wp-content/uploads/2026/11/report.pdf">the report</a></p>"#)
        #expect(result.markdown == "click and [the report](/files/8/report.pdf)")
        #expect(result.mediaIDs == [4])
        #expect(result.unconverted == ["link to javascript:alert(1)"])
    }

    @Test func nestedListsAndLineBreaks() {
        let result = converter.convert("<ul><li>Top<ul><li>Inner</li></ul></li><li>Next</li></ul><p>Line one<br>Line two</p>")
        #expect(result.markdown == "- Top\n   - Inner\n- Next\n\nLine one  \nLine two")
    }
}
