/// One parsed piece of a Mustache template. Templates are read once at start; a page renders by
/// walking these against its view model's `TemplateValue`s.
indirect enum TemplateNode: Sendable {
    case text(String)
    /// `{{name}}` escaped for HTML, `{{{name}}}` or `{{&name}}` as it is.
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode])
    case invertedSection(TemplateName, [TemplateNode])
    /// `{{>name}}`, or `{{<name}}…{{/name}}` with the blocks it fills. A standalone tag carries the
    /// whitespace before it, which indents every further line of the partial.
    case partial(String, indentation: String?, blocks: [String: [TemplateNode]]?)
    /// `{{$name}}default{{/name}}` in a layout: an inheriting template's block, else the default.
    case block(String, default: [TemplateNode], indentation: String)
    /// `{{$name}}…{{/name}}` directly inside `{{<layout}}`: the block it fills.
    case blockDefinition(String, [TemplateNode])
    /// `{{% CONTENT_TYPE: TEXT}}` (nothing escaped from here on) or `HTML`.
    case escaping(Bool)
}

/// A name as a template writes it: `.` (the current value), `a` or `a.b.c`, looked up once split.
struct TemplateName: Sendable, Hashable, CustomStringConvertible {
    /// Empty for `.`.
    let parts: [String]
    /// `.a`: asked of the current value only, without climbing the context stack.
    let currentOnly: Bool
    let description: String

    init(_ text: String) {
        description = text
        currentOnly = text.first == "." && text != "."
        parts = text == "." ? [] : text.split(separator: ".").map(String.init)
    }
}
