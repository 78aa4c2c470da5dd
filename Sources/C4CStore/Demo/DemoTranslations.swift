import C4CCore
import Foundation
import SQLKit

/// French and Arabic versions of a few demo items, each with its own slug, so a new demo site
/// shows translated addresses, hreflang alternates and the language switcher. A translation
/// copies its original's dates, links and files; only the words and the address are its own.
/// Slugs stay ASCII (`Slug.isValid`), so the Arabic ones are transliterated.
struct DemoTranslations {
    let db: Inserter

    struct Version {
        let lang: String
        let slug: String
        let title: String
        let summary: String
        let body: String
    }

    func add() async throws {
        try await translate("resources", "walking-to-school-in-nairobi-a-route-audit-method", [
            Version(lang: "fr", slug: "aller-a-l-ecole-a-pied-a-nairobi-une-methode-d-audit-des-trajets",
                    title: "Aller à l'école à pied à Nairobi : une méthode d'audit des trajets",
                    summary: "Comment un groupe de quartier a audité 40 trajets scolaires en une semaine, et ce que la municipalité a changé.",
                    body: "Un groupe d'habitants a parcouru 40 trajets scolaires en une semaine, carnet et téléphone en main.\n\nCette méthode a été préparée par des membres de l'alliance et relue par le secrétariat."),
            Version(lang: "ar", slug: "al-mashy-ila-al-madrasa-fi-nairobi",
                    title: "الذهاب إلى المدرسة مشيًا في نيروبي: طريقة لتدقيق الطرق",
                    summary: "كيف دقّقت مجموعة من سكان الحي أربعين طريقًا إلى المدرسة في أسبوع واحد، وما الذي غيّرته البلدية بعد ذلك.",
                    body: "سار متطوعون من الحي على أربعين طريقًا إلى المدرسة خلال أسبوع واحد، ودوّنوا كل ما رأوه.\n\nأعدّ هذه الطريقة أعضاء في التحالف وراجعتها الأمانة العامة."),
        ])
        try await translate("resources", "streets-for-toddlers", [
            Version(lang: "fr", slug: "des-rues-pour-les-tout-petits", title: "Des rues pour les tout-petits",
                    summary: "Conseils pour des trottoirs, des traversées et des bancs pensés pour les plus jeunes enfants et les adultes qui les accompagnent.",
                    body: "Une poussette, un enfant qui marche à peine, un grand-parent qui a besoin de s'asseoir : la rue doit convenir à tous.\n\nCe guide a été préparé par des membres de l'alliance et relu par le secrétariat."),
            Version(lang: "ar", slug: "shawari-lil-atfal-al-sighar", title: "شوارع للأطفال الصغار",
                    summary: "إرشادات حول الأرصفة وممرات العبور وأماكن الجلوس لأصغر الأطفال ولمن يرافقهم.",
                    body: "عربة أطفال، وطفل يخطو خطواته الأولى، وجدّة تحتاج إلى مقعد: على الشارع أن يناسبهم جميعًا.\n\nأعدّ هذا الدليل أعضاء في التحالف وراجعته الأمانة العامة."),
        ])
        try await translate("events", "play-in-times-of-crisis", [
            Version(lang: "fr", slug: "le-jeu-en-temps-de-crise", title: "Le jeu en temps de crise",
                    summary: "Préserver des espaces et du temps pour jouer dans les camps de déplacés et après les catastrophes.",
                    body: "Préserver des espaces et du temps pour jouer dans les camps de déplacés et après les catastrophes.\n\nLa séance se tient en anglais, avec des sous-titres en direct."),
            Version(lang: "ar", slug: "al-laab-fi-awqat-al-azamat", title: "اللعب في أوقات الأزمات",
                    summary: "كيف نحافظ على مساحة للعب ووقت له في أماكن النزوح وبعد الكوارث.",
                    body: "كيف نحافظ على مساحة للعب ووقت له في أماكن النزوح وبعد الكوارث.\n\nتُعقد الجلسة باللغة الإنجليزية مع ترجمة نصية مباشرة."),
        ])
        try await translate("blog_posts", "five-cities-one-question-where-do-children-play", [
            Version(lang: "fr", slug: "cinq-villes-une-question-ou-jouent-les-enfants",
                    title: "Cinq villes, une question : où jouent les enfants ?",
                    summary: "Les membres ont comparé leurs cartes des lieux de jeu et y ont trouvé les mêmes manques.",
                    body: "Les membres ont comparé leurs cartes des lieux de jeu et y ont trouvé les mêmes manques.\n\n## Ce que nous avons vu\n\nPartout, les enfants des quartiers les plus denses vivent loin d'un lieu sûr où jouer.\n\n## La suite\n\nNous en reparlerons lors du prochain webinaire Dialogues 4 Action."),
            Version(lang: "ar", slug: "khams-mudun-wa-sual-wahid-ayna-yalab-al-atfal",
                    title: "خمس مدن وسؤال واحد: أين يلعب الأطفال؟",
                    summary: "قارن الأعضاء خرائط أماكن اللعب في مدنهم فوجدوا الثغرات نفسها.",
                    body: "قارن الأعضاء خرائط أماكن اللعب في مدنهم فوجدوا الثغرات نفسها.\n\n## ما لاحظناه\n\nفي كل مدينة، يعيش أطفال الأحياء الأكثر اكتظاظًا بعيدًا عن مكان آمن للعب.\n\n## الخطوة التالية\n\nسنعود إلى هذا الموضوع في ندوة «حوارات من أجل العمل» القادمة."),
        ])
    }

    /// The columns a translation copies from its original, beyond the content columns every table has.
    static let copied: [String: [String]] = [
        "resources": ["kind", "cover_image_id", "published_on", "series_name", "series_number", "external_url", "featured", "citation"],
        "events": ["series_id", "starts_at", "ends_at", "time_zone", "online", "venue", "online_url", "registration", "registration_url",
                   "capacity", "registration_closes_at", "recording_url", "captions_url", "transcript", "cover_image_id", "organisation_id"],
        "blog_posts": ["author_person_id", "author_organisation_id", "byline", "contributor_credit", "series_name", "cover_image_id"],
    ]

    /// The link tables a translation copies: table, the column naming the item, the other columns.
    static let links: [String: [(table: String, key: String, columns: [String])]] = [
        "resources": [
            ("resource_authors", "resource_id", ["position", "name"]), ("resource_organisations", "resource_id", ["organisation_id"]),
            ("resource_topics", "resource_id", ["topic_id"]), ("resource_regions", "resource_id", ["region_id"]),
            ("resource_languages", "resource_id", ["language"]),
            ("resource_files", "resource_id", ["file_id", "language", "label", "position"]),
        ],
        "events": [("event_speakers", "event_id", ["name", "role", "organisation", "position"])],
        "blog_posts": [("blog_post_topics", "post_id", ["topic_id"])],
    ]

    func translate(_ table: String, _ slug: String, _ versions: [Version]) async throws {
        let sql = db.sql
        let text = table == "events" ? "description" : "body"
        let copied = (Self.copied[table] ?? []).map { SQLQueryString("\($0)") }.joined(", ")
        guard let original = try await sql.raw("SELECT id FROM \(ident: table) WHERE lang = 'en' AND slug = \(bind: slug)").first()?
            .decode(column: "id", as: Int64.self) else { return }
        for version in versions {
            try await sql.raw("""
                INSERT INTO \(ident: table) (lang, translation_group, slug, status, publish_at, created_at, updated_at,
                title, summary, \(ident: text), \(copied))
                SELECT \(bind: version.lang), translation_group, \(bind: version.slug), status, publish_at, created_at, updated_at,
                \(bind: version.title), \(bind: version.summary), \(bind: version.body), \(copied)
                FROM \(ident: table) WHERE id = \(bind: original)
                """).run()
            let id = try await sql.raw("SELECT id FROM \(ident: table) WHERE lang = \(bind: version.lang) AND slug = \(bind: version.slug)")
                .first()?.decode(column: "id", as: Int64.self) ?? 0
            for link in Self.links[table] ?? [] {
                let columns = link.columns.map { SQLQueryString("\($0)") }.joined(", ")
                try await sql.raw("""
                    INSERT INTO \(ident: link.table) (\(ident: link.key), \(columns))
                    SELECT \(bind: id), \(columns) FROM \(ident: link.table) WHERE \(ident: link.key) = \(bind: original)
                    """).run()
            }
        }
    }
}
