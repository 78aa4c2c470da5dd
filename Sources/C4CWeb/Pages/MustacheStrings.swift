import Mustache

/// In a Mustache section an empty string counts as false, as in mustache.js and most other
/// implementations: `{{#website}}<a href="{{website}}">…{{/website}}` shows nothing without one.
/// swift-mustache treats every String as true, so it is taught otherwise here.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { isEmpty }
}
