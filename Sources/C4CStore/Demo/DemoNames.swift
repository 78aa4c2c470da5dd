import C4CCore
import Foundation
import SQLKit

/// The demo site's key facts, topics, tagline and one-liner in French, Spanish, Portuguese and
/// Arabic, so a new demo site shows names in every language. A fact's translation is a row of
/// its translation group with its own figure and headline; a topic's is its name in `topic_names`.
struct DemoNames {
    let db: Inserter

    struct Names {
        let facts: [(figure: String, headline: String)]
        let topics: [String: String]
        let tagline: String
        let oneLiner: String
    }

    func add() async throws {
        for (language, names) in Self.names {
            try await db.sql.raw("INSERT INTO settings (key, value) VALUES (\(bind: "tagline.\(language)"), \(bind: names.tagline)) ON CONFLICT (key) DO NOTHING").run()
            try await db.sql.raw("INSERT INTO settings (key, value) VALUES (\(bind: "one_liner.\(language)"), \(bind: names.oneLiner)) ON CONFLICT (key) DO NOTHING").run()
            for (index, fact) in names.facts.enumerated() {
                let original = "key_facts/fact-\(index + 1)"
                guard let row = try await db.sql.raw("""
                    SELECT source_name, source_url, source_year, status, publish_at, created_at, updated_at, reviewed_at
                    FROM key_facts WHERE translation_group = \(bind: original) AND lang = 'en'
                    """).first() else { continue }
                _ = try await db.insertRow("key_facts", [
                    ("lang", language), ("translation_group", original), ("slug", "fact-\(index + 1)"),
                    ("status", try row.decode(column: "status", as: String.self)),
                    ("publish_at", try row.decode(column: "publish_at", as: Int64?.self)),
                    ("created_at", try row.decode(column: "created_at", as: Int64.self)),
                    ("updated_at", try row.decode(column: "updated_at", as: Int64.self)),
                    ("headline", fact.headline), ("figure", fact.figure),
                    ("source_name", try row.decode(column: "source_name", as: String.self)),
                    ("source_url", try row.decode(column: "source_url", as: String.self)),
                    ("source_year", Int64(try row.decode(column: "source_year", as: Int.self))),
                    ("reviewed_at", try row.decode(column: "reviewed_at", as: Int64?.self)),
                ])
            }
            for (slug, name) in names.topics {
                try await db.sql.raw("""
                    INSERT INTO topic_names (topic_id, lang, name) SELECT id, \(bind: language), \(bind: name) FROM topics WHERE slug = \(bind: slug) AND lang = 'en'
                    """).run()
            }
        }
    }

    static let names: [(String, Names)] = [
        ("fr", Names(
            facts: [
                ("68 %", "de la population mondiale devrait vivre en zone urbaine d'ici 2050"),
                ("1,1 milliard", "de personnes vivent dans des bidonvilles ou dans des conditions similaires en milieu urbain"),
                ("93 %", "des enfants de moins de 15 ans dans le monde respirent un air si pollué qu'il met leur santé en danger"),
                ("500", "enfants meurent chaque jour sur les routes du monde"),
                ("N° 1", "les traumatismes dus aux accidents de la route sont la première cause de décès des enfants et des jeunes de 5 à 29 ans"),
                ("196", "États sont parties à la Convention des Nations unies relative aux droits de l'enfant, le traité relatif aux droits humains le plus largement ratifié"),
                ("56 %", "de la population mondiale vit aujourd'hui en ville"),
                ("70 %", "des émissions mondiales de dioxyde de carbone proviennent des villes"),
                ("88 %", "de la charge de morbidité imputable au changement climatique pèse sur les enfants de moins de cinq ans"),
                ("1 milliard", "d'enfants au moins vivent dans des villes, grandes ou petites"),
            ],
            topics: [
                "mobility": "Mobilité",
                "road-safety": "Sécurité routière",
                "public-transport": "Transports publics",
                "play-and-public-space": "Jeu et espace public",
                "environment-and-climate": "Environnement et climat",
                "air-quality": "Qualité de l'air",
                "housing-and-informal-settlements": "Logement et quartiers informels",
                "participation": "Participation des enfants",
                "early-childhood": "Petite enfance",
                "governance-and-finance": "Gouvernance et financement",
            ],
            tagline: "Placer les droits de l'enfant au cœur de la planification et de la gestion des villes",
            oneLiner: "Une alliance de plus de 25 organisations – ONG, agences des Nations unies, réseaux de villes, fondations et universités – qui œuvre pour des villes où chaque enfant peut grandir en sécurité et en bonne santé, et se faire entendre."
        )),
        ("es", Names(
            facts: [
                ("68%", "de la población mundial vivirá en zonas urbanas en 2050, según las proyecciones"),
                ("1.100 millones", "de personas viven en barrios marginales o en condiciones similares en las ciudades"),
                ("93%", "de las niñas y los niños menores de 15 años en el mundo respiran un aire tan contaminado que pone en riesgo su salud"),
                ("500", "niñas y niños mueren cada día en las vías de todo el mundo"),
                ("N.º 1", "las lesiones causadas por el tránsito son la principal causa de muerte de niñas, niños y jóvenes de 5 a 29 años"),
                ("196", "Estados son parte de la Convención de las Naciones Unidas sobre los Derechos del Niño, el tratado de derechos humanos más ampliamente ratificado"),
                ("56%", "de la población mundial vive hoy en ciudades"),
                ("70%", "de las emisiones mundiales de dióxido de carbono provienen de las ciudades"),
                ("88%", "de la carga de morbilidad atribuible al cambio climático recae en niñas y niños menores de cinco años"),
                ("1.000 millones", "de niñas y niños, como mínimo, viven en ciudades grandes y pequeñas"),
            ],
            topics: [
                "mobility": "Movilidad",
                "road-safety": "Seguridad vial",
                "public-transport": "Transporte público",
                "play-and-public-space": "Juego y espacio público",
                "environment-and-climate": "Medio ambiente y clima",
                "air-quality": "Calidad del aire",
                "housing-and-informal-settlements": "Vivienda y asentamientos informales",
                "participation": "Participación infantil",
                "early-childhood": "Primera infancia",
                "governance-and-finance": "Gobernanza y financiamiento",
            ],
            tagline: "Poner los derechos de la niñez en el centro de la planificación y la gestión de las ciudades",
            oneLiner: "Una alianza de más de 25 organizaciones —ONG, agencias de la ONU, redes de ciudades, fundaciones y universidades— que trabaja por ciudades donde cada niña y cada niño pueda crecer con seguridad y salud, y hacer oír su voz."
        )),
        ("pt", Names(
            facts: [
                ("68%", "da população mundial deverá viver em áreas urbanas até 2050"),
                ("1,1 bilhão", "de pessoas vivem em favelas ou em condições semelhantes nas cidades"),
                ("93%", "das crianças menores de 15 anos no mundo respiram um ar tão poluído que põe sua saúde em risco"),
                ("500", "crianças morrem todos os dias no trânsito em todo o mundo"),
                ("Nº 1", "as lesões no trânsito são a principal causa de morte de crianças e jovens de 5 a 29 anos"),
                ("196", "Estados são partes da Convenção das Nações Unidas sobre os Direitos da Criança, o tratado de direitos humanos mais amplamente ratificado"),
                ("56%", "da população mundial vive hoje em cidades"),
                ("70%", "das emissões globais de dióxido de carbono vêm das cidades"),
                ("88%", "da carga de doenças atribuível às mudanças climáticas recai sobre crianças menores de cinco anos"),
                ("1 bilhão", "de crianças, no mínimo, vivem em cidades grandes e pequenas"),
            ],
            topics: [
                "mobility": "Mobilidade",
                "road-safety": "Segurança viária",
                "public-transport": "Transporte público",
                "play-and-public-space": "Brincar e espaço público",
                "environment-and-climate": "Meio ambiente e clima",
                "air-quality": "Qualidade do ar",
                "housing-and-informal-settlements": "Moradia e assentamentos informais",
                "participation": "Participação infantil",
                "early-childhood": "Primeira infância",
                "governance-and-finance": "Governança e financiamento",
            ],
            tagline: "Colocar os direitos da criança no centro do planejamento e da gestão das cidades",
            oneLiner: "Uma aliança de mais de 25 organizações — ONGs, agências da ONU, redes de cidades, fundações e universidades — que trabalha por cidades onde toda criança possa crescer com segurança e saúde, e ser ouvida."
        )),
        ("ar", Names(
            facts: [
                ("68%", "من سكان العالم يُتوقَّع أن يعيشوا في المناطق الحضرية بحلول عام 2050"),
                ("1.1 مليار", "شخص يعيشون في أحياء عشوائية أو في ظروف مشابهة لها في المدن"),
                ("93%", "من أطفال العالم دون سن الخامسة عشرة يتنفسون هواءً ملوثًا إلى حدٍّ يعرّض صحتهم للخطر"),
                ("500", "طفل يلقون حتفهم كل يوم على طرق العالم"),
                ("رقم 1", "إصابات حوادث المرور هي السبب الأول لوفاة الأطفال والشباب الذين تتراوح أعمارهم بين 5 و29 عامًا"),
                ("196", "دولة طرف في اتفاقية الأمم المتحدة لحقوق الطفل، وهي أوسع معاهدات حقوق الإنسان تصديقًا"),
                ("56%", "من سكان العالم يعيشون اليوم في المدن"),
                ("70%", "من انبعاثات ثاني أكسيد الكربون في العالم مصدرها المدن"),
                ("88%", "من عبء المرض الناجم عن تغيّر المناخ يقع على الأطفال دون سن الخامسة"),
                ("1 مليار", "طفل على الأقل يعيشون في المدن الكبيرة والصغيرة"),
            ],
            topics: [
                "mobility": "التنقّل",
                "road-safety": "السلامة على الطرق",
                "public-transport": "النقل العام",
                "play-and-public-space": "اللعب والأماكن العامة",
                "environment-and-climate": "البيئة والمناخ",
                "air-quality": "جودة الهواء",
                "housing-and-informal-settlements": "السكن والمستوطنات غير الرسمية",
                "participation": "مشاركة الأطفال",
                "early-childhood": "الطفولة المبكرة",
                "governance-and-finance": "الحوكمة والتمويل",
            ],
            tagline: "نضع حقوق الطفل في صميم تخطيط المدن وإدارتها",
            oneLiner: "تحالف يضم أكثر من 25 منظمة – منظمات غير حكومية ووكالات تابعة للأمم المتحدة وشبكات مدن ومؤسسات وجامعات – يعمل من أجل مدن يستطيع فيها كل طفل أن ينشأ آمنًا وموفور الصحة ومسموع الصوت."
        )),
    ]
}
