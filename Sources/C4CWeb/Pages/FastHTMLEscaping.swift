import C4CCore
import Mustache

/// Registered as swift-mustache's `HTML` content type for the oracle renders that tests compare
/// `TemplateLibrary` with (each template opens with `{{% CONTENT_TYPE: HTML}}`): the same
/// escaping as swift-mustache's, done on UTF-8 bytes.
struct FastHTMLContentType: MustacheContentType {
    func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }
}
