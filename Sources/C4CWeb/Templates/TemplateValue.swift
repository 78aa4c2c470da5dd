/// A view model as templates read it, made once per render by `TemplateEncoder`: looked up by
/// switching on a case and reading a dictionary, where swift-mustache's `Any` values cost dynamic
/// casts to several protocols at every name in every frame of the context stack.
enum TemplateValue: Sendable {
    /// A string; an empty one counts as false in a section, as in mustache.js.
    case text(String)
    case flag(Bool)
    /// A number, kept as it is written (`String(describing:)`).
    case number(String)
    case list([TemplateValue])
    /// A struct's stored properties by name.
    case object([String: TemplateValue])
    /// A `[String: String]` as it is: the text catalog `t`, form `errors`, `links`. Its lookups are
    /// not checked by strict rendering, since a catalog key is data, not a field.
    case strings([String: String])
    /// A property the view model declares but holds no value for (`nil`): a known name that reads
    /// as absent, so the lookup goes on outwards, as it does for an empty optional.
    case absent
}
