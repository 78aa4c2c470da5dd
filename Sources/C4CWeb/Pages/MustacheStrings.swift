import Mustache

/// In a Mustache section an empty string counts as false, as in mustache.js and most other
/// implementations: `{{#website}}<a href="{{website}}">…{{/website}}` shows nothing without one.
/// swift-mustache treats every String as true, so it is taught otherwise here, for the oracle
/// renders tests compare `TemplateLibrary` with (which has the same rule).
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { isEmpty }
}
