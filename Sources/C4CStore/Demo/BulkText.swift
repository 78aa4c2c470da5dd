/// Words for generated content in the five site languages: child rights and urban planning, with
/// the accented place names a search must fold (Bogotá, São Paulo, Medellín, Genève). Patterns
/// use `{subject}`, `{place}`, `{audience}`, `{kind}` and `{year}`.
struct BulkVocabulary: Sendable {
    let subjects: [String]
    let places: [String]
    let audiences: [String]
    let titles: [String]
    let summaries: [String]
    let sentences: [String]
    let headings: [String]

    static func of(_ language: String) -> BulkVocabulary {
        switch language {
        case "fr": french
        case "es": spanish
        case "pt": portuguese
        case "ar": arabic
        default: english
        }
    }

    static let english = BulkVocabulary(
        subjects: [
            "safe routes to school", "play streets", "child-friendly public space", "clean air around schools",
            "flood-safe housing", "participatory budgeting with children", "early childhood and the city",
            "green schoolyards", "safer public transport for girls", "upgrading informal settlements", "heat and shade",
            "street design for toddlers", "youth councils", "school streets", "speed management near schools",
            "water and sanitation in slums", "independent mobility", "children's right to be heard", "urban play value",
            "caregiver-friendly neighbourhoods", "climate adaptation for children", "safe cycling for teenagers",
            "child rights impact assessment", "nature-based solutions in schools", "night safety for young women",
        ],
        places: [
            "Bogotá", "São Paulo", "Medellín", "Genève", "Nairobi", "Dhaka", "Dakar", "Lagos", "Cairo", "Mexico City",
            "Lima", "Quito", "Montréal", "Kraków", "Zürich", "Jakarta", "Manila", "Accra", "Kampala", "Marrakech",
            "Beirut", "Amman", "Maputo", "Recife", "Curitiba", "Valparaíso", "Córdoba", "Málaga", "Besançon", "Tirana",
            "Kigali", "Chennai", "Hà Nội", "Belém", "Ouagadougou", "Bucaramanga", "Cusco", "Reykjavík",
        ],
        audiences: [
            "city planners", "mayors", "school heads", "youth activists", "transport engineers", "health officials",
            "community organisers", "funders", "researchers", "parents' associations",
        ],
        titles: [
            "{subject} in {place}: lessons from five years of practice",
            "How {place} put {subject} on the council's agenda",
            "A practical guide to {subject} for {audience}",
            "{subject}: what {audience} in {place} learned",
            "Measuring {subject} in {place}",
            "{kind}: {subject} and children's rights in {place}",
            "Ten questions about {subject} for {audience}",
            "From pilot to policy: {subject} in {place}, {year}",
            "Children map {subject} in {place}",
            "The cost of ignoring {subject}: evidence from {place}",
        ],
        summaries: [
            "This {kind} looks at {subject} in {place} and what it means for {audience}.",
            "Drawing on interviews with children, caregivers and {audience}, it sets out what worked in {place} and what did not.",
            "Written for {audience}, it gives step-by-step advice on {subject}, with examples from {place}.",
            "It brings together data collected in {place} between {year} and today, and proposes indicators any city can use.",
            "Children aged 8 to 17 in {place} took part in walks, drawings and workshops on {subject}.",
        ],
        sentences: [
            "Children in {place} told researchers that the walk to school was the most dangerous part of their day.",
            "The council of {place} adopted a plan for {subject} after a year of consultation with young people.",
            "Lowering speeds to 30 km/h around schools reduced serious injuries by almost a third.",
            "Caregivers of young children asked for shade, benches and toilets before anything else.",
            "The Convention on the Rights of the Child gives every child the right to play and to be heard.",
            "Budgets for {subject} remain small compared with spending on roads for cars.",
            "{audience} in {place} used simple counts and maps that any municipality can repeat.",
            "Girls reported feeling unsafe on buses after dark, so routes and lighting were redesigned with them.",
            "Informal settlements need secure tenure before families will invest in safer homes.",
            "Trees planted in schoolyards lowered surface temperatures by up to eight degrees in summer.",
            "Young people presented their proposals to the mayor and followed how the money was spent.",
            "Data on children is rarely collected at neighbourhood level, which hides the worst conditions.",
            "A temporary play street became permanent once residents saw how it changed the neighbourhood.",
            "Planners in {place} now check every new project against a short list of child-friendly criteria.",
        ],
        headings: ["Background", "What we did", "What we found", "What it costs", "Recommendations", "Next steps", "Method"]
    )

    static let french = BulkVocabulary(
        subjects: [
            "les trajets sûrs vers l'école", "les rues aux enfants", "l'espace public adapté aux enfants", "l'air pur autour des écoles",
            "le logement à l'abri des crues", "le budget participatif avec les enfants", "la petite enfance en ville",
            "les cours d'école végétalisées", "les transports publics sûrs pour les filles", "la réhabilitation des quartiers précaires",
            "la chaleur et l'ombre", "les conseils municipaux d'enfants", "la modération de la vitesse", "le droit de l'enfant à être entendu",
        ],
        places: [
            "Genève", "Besançon", "Orléans", "Montréal", "Dakar", "Abidjan", "Ouagadougou", "Bamako", "Niamey", "Lomé",
            "Cotonou", "Marrakech", "Tunis", "Lyon", "Liège", "Québec", "Yaoundé", "Saint-Étienne",
        ],
        audiences: ["urbanistes", "maires", "directrices d'école", "jeunes militants", "ingénieurs des transports", "élus locaux"],
        titles: [
            "{subject} à {place} : leçons de cinq années de pratique",
            "Comment {place} a mis {subject} à l'ordre du jour",
            "Guide pratique sur {subject} pour les {audience}",
            "Mesurer {subject} à {place}",
            "Les enfants cartographient {subject} à {place}",
            "Du projet pilote à la politique publique : {subject} à {place}, {year}",
        ],
        summaries: [
            "Ce document examine {subject} à {place} et ce que cela signifie pour les {audience}.",
            "À partir d'entretiens avec des enfants et des {audience}, il décrit ce qui a fonctionné à {place}.",
            "Des enfants de 8 à 17 ans ont participé à des marches, des dessins et des ateliers à {place}.",
        ],
        sentences: [
            "Les enfants de {place} ont expliqué que le trajet vers l'école était le moment le plus dangereux de leur journée.",
            "Le conseil municipal de {place} a adopté un plan après une année de concertation avec les jeunes.",
            "La réduction de la vitesse à 30 km/h autour des écoles a fait baisser les blessures graves de près d'un tiers.",
            "La Convention relative aux droits de l'enfant reconnaît à chaque enfant le droit de jouer et d'être entendu.",
            "Les arbres plantés dans les cours d'école ont abaissé la température du sol de huit degrés en été.",
            "Les filles ont déclaré ne pas se sentir en sécurité dans les bus après la tombée de la nuit.",
            "Une rue aux enfants temporaire est devenue permanente quand les riverains ont vu la différence.",
        ],
        headings: ["Contexte", "Ce que nous avons fait", "Résultats", "Recommandations", "Prochaines étapes"]
    )

    static let spanish = BulkVocabulary(
        subjects: [
            "los caminos seguros a la escuela", "las calles para jugar", "el espacio público para la niñez", "el aire limpio en las escuelas",
            "la vivienda a salvo de inundaciones", "el presupuesto participativo con niñas y niños", "la primera infancia en la ciudad",
            "los patios escolares verdes", "el transporte público seguro para las niñas", "el mejoramiento de barrios informales",
            "el calor y la sombra", "los concejos juveniles", "la reducción de la velocidad", "el derecho de la niñez a ser escuchada",
        ],
        places: [
            "Bogotá", "Medellín", "Cali", "Bucaramanga", "Ciudad de México", "Guadalajara", "Lima", "Cusco", "Quito", "Valparaíso",
            "Córdoba", "Rosario", "Montevideo", "La Paz", "Málaga", "Sevilla", "San José", "Asunción",
        ],
        audiences: ["urbanistas", "alcaldes", "directoras de escuela", "jóvenes activistas", "ingenieros de tránsito", "concejales"],
        titles: [
            "{subject} en {place}: lecciones de cinco años de práctica",
            "Cómo {place} puso {subject} en la agenda del concejo",
            "Guía práctica sobre {subject} para {audience}",
            "Medir {subject} en {place}",
            "Niñas y niños mapean {subject} en {place}",
            "Del piloto a la política: {subject} en {place}, {year}",
        ],
        summaries: [
            "Este documento analiza {subject} en {place} y lo que significa para {audience}.",
            "A partir de entrevistas con niñas, niños y {audience}, describe qué funcionó en {place} y qué no.",
            "Niñas y niños de 8 a 17 años participaron en recorridos, dibujos y talleres en {place}.",
        ],
        sentences: [
            "Las niñas y los niños de {place} contaron que el camino a la escuela era la parte más peligrosa del día.",
            "El concejo de {place} aprobó un plan tras un año de consulta con jóvenes.",
            "Reducir la velocidad a 30 km/h cerca de las escuelas disminuyó las lesiones graves en casi un tercio.",
            "La Convención sobre los Derechos del Niño reconoce el derecho de cada niño a jugar y a ser escuchado.",
            "Los árboles plantados en los patios escolares bajaron la temperatura del suelo hasta ocho grados en verano.",
            "Las niñas dijeron sentirse inseguras en los buses después del anochecer.",
            "Una calle de juego temporal se volvió permanente cuando el vecindario vio el cambio.",
        ],
        headings: ["Contexto", "Qué hicimos", "Qué encontramos", "Recomendaciones", "Próximos pasos"]
    )

    static let portuguese = BulkVocabulary(
        subjects: [
            "os caminhos seguros para a escola", "as ruas de brincar", "o espaço público para as crianças", "o ar limpo nas escolas",
            "a moradia protegida de enchentes", "o orçamento participativo com crianças", "a primeira infância na cidade",
            "os pátios escolares verdes", "o transporte público seguro para meninas", "a urbanização de favelas",
            "o calor e a sombra", "os conselhos jovens", "a redução da velocidade", "o direito da criança de ser ouvida",
        ],
        places: [
            "São Paulo", "Recife", "Curitiba", "Belém", "Fortaleza", "Salvador", "Porto Alegre", "Rio de Janeiro", "Maputo",
            "Luanda", "Lisboa", "Porto", "Praia", "Bissau", "São Tomé", "Niterói",
        ],
        audiences: ["urbanistas", "prefeitos", "diretoras de escola", "jovens ativistas", "engenheiros de trânsito", "vereadores"],
        titles: [
            "{subject} em {place}: lições de cinco anos de prática",
            "Como {place} colocou {subject} na agenda da câmara",
            "Guia prático sobre {subject} para {audience}",
            "Medindo {subject} em {place}",
            "Crianças mapeiam {subject} em {place}",
            "Do piloto à política pública: {subject} em {place}, {year}",
        ],
        summaries: [
            "Este documento examina {subject} em {place} e o que isso significa para {audience}.",
            "Com base em entrevistas com crianças e {audience}, descreve o que funcionou em {place}.",
            "Crianças de 8 a 17 anos participaram de caminhadas, desenhos e oficinas em {place}.",
        ],
        sentences: [
            "As crianças de {place} contaram que o caminho para a escola era a parte mais perigosa do dia.",
            "A câmara de {place} aprovou um plano depois de um ano de consulta com jovens.",
            "Reduzir a velocidade para 30 km/h perto das escolas diminuiu os ferimentos graves em quase um terço.",
            "A Convenção sobre os Direitos da Criança reconhece o direito de cada criança de brincar e de ser ouvida.",
            "As árvores plantadas nos pátios escolares baixaram a temperatura do chão em até oito graus no verão.",
            "As meninas disseram não se sentir seguras nos ônibus depois do anoitecer.",
            "Uma rua de brincar temporária tornou-se permanente quando a vizinhança viu a diferença.",
        ],
        headings: ["Contexto", "O que fizemos", "O que encontramos", "Recomendações", "Próximos passos"]
    )

    static let arabic = BulkVocabulary(
        subjects: [
            "الطرق الآمنة إلى المدرسة", "شوارع اللعب", "المساحات العامة الصديقة للأطفال", "الهواء النظيف حول المدارس",
            "السكن الآمن من الفيضانات", "الموازنة التشاركية مع الأطفال", "الطفولة المبكرة في المدينة", "الساحات المدرسية الخضراء",
            "النقل العام الآمن للفتيات", "تحسين الأحياء غير الرسمية", "الحرارة والظل", "مجالس الشباب", "حق الطفل في أن يُسمع",
        ],
        places: ["القاهرة", "عمّان", "بيروت", "الدار البيضاء", "مراكش", "الخرطوم", "نواكشوط", "تونس", "الإسكندرية", "إربد", "طرابلس"],
        audiences: ["المخططين الحضريين", "رؤساء البلديات", "مديري المدارس", "الناشطين الشباب", "مهندسي النقل"],
        titles: [
            "{subject} في {place}: دروس من خمس سنوات من العمل",
            "كيف وضعت {place} {subject} على جدول أعمال البلدية",
            "دليل عملي حول {subject} من أجل {audience}",
            "قياس {subject} في {place}",
            "الأطفال يرسمون خريطة {subject} في {place}",
        ],
        summaries: [
            "تتناول هذه الوثيقة {subject} في {place} وما يعنيه ذلك بالنسبة إلى {audience}.",
            "شارك أطفال تتراوح أعمارهم بين 8 و17 عامًا في جولات ورسومات وورش عمل في {place}.",
        ],
        sentences: [
            "قال أطفال {place} إن الطريق إلى المدرسة هو أخطر جزء في يومهم.",
            "اعتمد مجلس مدينة {place} خطة بعد عام من التشاور مع الشباب.",
            "أدى خفض السرعة إلى 30 كم/ساعة حول المدارس إلى تراجع الإصابات الخطيرة بنحو الثلث.",
            "تعترف اتفاقية حقوق الطفل بحق كل طفل في اللعب وفي أن يُسمع رأيه.",
            "خفضت الأشجار المزروعة في الساحات المدرسية حرارة الأرض حتى ثماني درجات في الصيف.",
        ],
        headings: ["السياق", "ما قمنا به", "ما وجدناه", "التوصيات", "الخطوات التالية"]
    )

    /// People who write, speak and hire; fictional.
    static let names = [
        "Priya Raman", "Tomás Restrepo", "Amina Odhiambo", "Jonas Vermeer", "Grace Mwangi", "Diego Salazar", "Fatou Diop",
        "Nguyễn Thị Lan", "Léa Girard", "João Pereira", "Mariana Cárdenas", "Youssef El Amrani", "Hana Novák", "Aisha Bello",
        "Søren Lindqvist", "Camila Ortiz", "Rafiq Ahmed", "Zoë Müller", "Ngozi Okafor", "Inés Peña", "Kwame Mensah",
        "Élodie Fontaine", "Thabo Nkosi", "Layla Haddad", "Marta Żuk", "Sebastián Ruiz", "Chloé Martin", "Oluwaseun Adeyemi",
    ]

    static let roles = [
        "Urban planner", "Youth council member, 16", "Deputy mayor for education", "Researcher", "Programme director",
        "Transport engineer", "Community organiser", "Paediatrician", "Architect", "Policy adviser",
    ]

    static let eventSeries = [
        ("Ask an Expert Live", "Thirty minutes with one specialist and the questions you send in."),
        ("Villes à hauteur d'enfant", "Rencontres en français sur la ville vue à 1 mètre du sol."),
        ("Ciudades que cuidan", "Encuentros en español sobre cuidado, niñez y espacio público."),
        ("Research into Action", "Authors of the alliance's research series present their findings to practitioners."),
        ("Youth Voices Assembly", "Young people from member cities set the agenda and chair the session."),
        ("Cidades para brincar", "Conversas em português sobre brincar na rua e nos pátios."),
    ]

    static let zones = [
        "Europe/Paris", "Europe/Zurich", "Africa/Nairobi", "Asia/Dhaka", "America/Bogota", "America/Sao_Paulo",
        "America/Mexico_City", "Africa/Lagos", "Africa/Dakar", "Asia/Manila", "Europe/London", "America/Toronto",
    ]

    static let postSeries = ["", "", "", "Ask an Expert", "Field notes", "Voices of youth", "From the secretariat"]

    static let organisationWords = [
        "Children's Streets Initiative", "Play Alliance", "Urban Childhood Lab", "Safe Schools Network",
        "Foundation for Child-Friendly Cities", "Youth Mobility Collective", "Clean Air Coalition", "Early Years Trust",
        "Fundación Ciudades Jugables", "Fondation Villes Amies des Enfants", "Instituto Cidade Criança", "Green Playgrounds Project",
    ]

    static let vacancyTitles = [
        "Consultant: child rights impact assessment in {place}",
        "Programme officer, safe routes to school ({place})",
        "Research intern: play and public space",
        "Volunteer facilitator for youth workshops in {place}",
        "Urban planner, early childhood programme",
        "Communications officer (French and English)",
        "Data analyst: air quality around schools",
        "Consultancy: evaluation of school streets in {place}",
    ]
}
