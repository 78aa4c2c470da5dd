import C4CCore
import SQLKit

/// A topic's name in the reader's language (`topic_names`), or its English name where none
/// was written.
enum TopicNames {
    static func name(_ alias: String, _ language: Language) -> SQLQueryString {
        guard language != .default else { return "\(ident: alias).name" }
        return """
            COALESCE((SELECT named.name FROM topic_names named WHERE named.topic_id = \(ident: alias).id \
            AND named.lang = \(bind: language.rawValue)), \(ident: alias).name)
            """
    }
}
