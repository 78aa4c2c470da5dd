import C4CCore
import Testing

@Suite struct SafeURLTests {
    /// Browsers drop tabs and line breaks from an address, so `/<tab>/evil.example` would open
    /// another site; every control character is refused wherever it stands.
    @Test func anAddressWithAControlCharacterIsRefused() {
        for bad in ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "https://a.org/\tx", "https://a.org/\u{0}",
                    "java\tscript:alert(1)", "https://a.org/\u{7F}", "https://a.org/\u{85}", "https://a.org/\u{9B}x", "\t/resources",
                    "/resources\t"] {
            #expect(!SafeURL.isAllowed(bad), "\(bad.debugDescription)")
            #expect(SafeURL.filter(bad) == nil, "\(bad.debugDescription)")
            #expect(!SafeURL.isRedirectTarget(bad), "\(bad.debugDescription)")
        }
        #expect(SafeURL.hasControlCharacters("a\tb"))
        #expect(!SafeURL.hasControlCharacters("https://a.org/é?x=1 2"))
    }

    @Test func aRedirectTargetIsAPathOnThisSiteOrAnHTTPAddress() {
        for good in ["/resources", "/fr/blog/a-post?x=1", "https://example.org/new-home", "http://example.org"] {
            #expect(SafeURL.isRedirectTarget(good), "\(good)")
        }
        for bad in ["mailto:a@b.org", "#top", "javascript:alert(1)", "data:text/html,x", "//evil.example", "/\\evil.example",
                    "https://", "http:///path", "resources", "ftp://example.org/x", "/my page", "https://a.org/\"x"] {
            #expect(!SafeURL.isRedirectTarget(bad), "\(bad)")
        }
    }
}
