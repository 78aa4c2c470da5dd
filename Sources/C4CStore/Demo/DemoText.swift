/// The demo content's words, written for this project. Organisations and people are fictional;
/// the key facts are real figures with their published sources.
enum DemoText {
    struct Fact {
        let figure: String
        let headline: String
        let source: String
        let url: String
        let year: Int
    }

    static let facts: [Fact] = [
        Fact(figure: "68%", headline: "of the world's people are projected to live in urban areas by 2050",
             source: "UN DESA, World Urbanization Prospects: The 2018 Revision",
             url: "https://population.un.org/wup/", year: 2018),
        Fact(figure: "1.1 billion", headline: "people live in slums or slum-like conditions in cities",
             source: "United Nations, The Sustainable Development Goals Report 2023",
             url: "https://unstats.un.org/sdgs/report/2023/", year: 2023),
        Fact(figure: "93%", headline: "of the world's children under 15 breathe air so polluted it puts their health at risk",
             source: "WHO, Air pollution and child health: prescribing clean air",
             url: "https://www.who.int/publications/i/item/air-pollution-and-child-health", year: 2018),
        Fact(figure: "500", headline: "children die on the world's roads every day",
             source: "WHO, Ten strategies for keeping children safe on the road",
             url: "https://www.who.int/publications/i/item/WHO-NMH-NVI-15.3", year: 2015),
        Fact(figure: "No. 1", headline: "road traffic injuries are the leading killer of children and young people aged 5 to 29",
             source: "WHO, Global status report on road safety 2018",
             url: "https://www.who.int/publications/i/item/9789241565684", year: 2018),
        Fact(figure: "196", headline: "states are party to the UN Convention on the Rights of the Child, the most widely ratified human rights treaty",
             source: "OHCHR, Status of ratification of the Convention on the Rights of the Child",
             url: "https://indicators.ohchr.org/", year: 2024),
        Fact(figure: "56%", headline: "of the world's population lives in cities today",
             source: "World Bank, Urban Development Overview",
             url: "https://www.worldbank.org/en/topic/urbandevelopment/overview", year: 2023),
        Fact(figure: "70%", headline: "of global carbon dioxide emissions come from cities",
             source: "World Bank, Urban Development Overview",
             url: "https://www.worldbank.org/en/topic/urbandevelopment/overview", year: 2023),
        Fact(figure: "88%", headline: "of the burden of disease attributable to climate change falls on children under five",
             source: "Sheffield & Landrigan, Global climate change and children's health, Environmental Health Perspectives",
             url: "https://doi.org/10.1289/ehp.1002233", year: 2011),
        Fact(figure: "1 billion", headline: "children and more live in cities and towns",
             source: "UNICEF, The State of the World's Children 2012: Children in an Urban World",
             url: "https://www.unicef.org/reports/state-worlds-children-2012", year: 2012),
    ]

    struct Member {
        let name: String
        let short: String
        let kind: String
        let country: String
        let since: Int
        let steering: Bool
        let about: String
    }

    static let members: [Member] = [
        Member(name: "Streets Alive Collective", short: "SAC", kind: "ngo", country: "KE", since: 2019, steering: true,
               about: "Works with neighbourhood groups in Nairobi and Mombasa to turn school routes into safe, shaded walking streets."),
        Member(name: "Playful Neighbourhoods Network", short: "PNN", kind: "network", country: "NL", since: 2018, steering: true,
               about: "A network of 140 municipalities sharing designs for play in public space."),
        Member(name: "Urban Childhood Research Centre", short: "UCRC", kind: "academia", country: "IN", since: 2020, steering: false,
               about: "Measures how children move, play and learn in fast-growing Indian cities."),
        Member(name: "Horizon Foundation for Children", short: "HFC", kind: "foundation", country: "CH", since: 2018, steering: true,
               about: "Funds city programmes that give children a voice in planning decisions."),
        Member(name: "Andes Youth Cities", short: "AYC", kind: "ngo", country: "CO", since: 2021, steering: false,
               about: "Trains young people in Bogotá and Medellín to map risks and propose fixes to their councils."),
        Member(name: "Global Alliance of Mayors for Play", short: "GAMP", kind: "network", country: "BR", since: 2019, steering: false,
               about: "Mayors committed to a 15-minute play radius for every child."),
        Member(name: "Clean Air Kids Initiative", short: "CAKI", kind: "ngo", country: "GB", since: 2020, steering: false,
               about: "Campaigns for clean-air zones around schools and nurseries."),
        Member(name: "Delta Resilience Institute", short: "DRI", kind: "academia", country: "BD", since: 2022, steering: false,
               about: "Studies flood-safe housing and schooling for children in Dhaka's informal settlements."),
        Member(name: "Sahel Urban Futures", short: "SUF", kind: "ngo", country: "SN", since: 2021, steering: false,
               about: "Supports child-led planning in Dakar's peri-urban districts."),
        Member(name: "Early Years City Lab", short: "EYCL", kind: "academia", country: "ZA", since: 2019, steering: true,
               about: "Designs and tests public spaces for babies, toddlers and their caregivers."),
        Member(name: "Open Schools Trust", short: "OST", kind: "foundation", country: "US", since: 2022, steering: false,
               about: "Opens school grounds to neighbourhood children after hours and at weekends."),
        Member(name: "Ciudades Seguras para la Niñez", short: "CSN", kind: "ngo", country: "MX", since: 2020, steering: false,
               about: "Promotes safer public transport for girls and young women in Mexican cities."),
        Member(name: "Pacific Island Towns Partnership", short: "PITP", kind: "network", country: "FJ", since: 2023, steering: false,
               about: "Brings small island towns together on heat, water and play."),
        Member(name: "Green Schoolyards Africa", short: "GSA", kind: "ngo", country: "UG", since: 2021, steering: false,
               about: "Plants trees and builds shade in primary school yards across East Africa."),
        Member(name: "Institute for Child-Responsive Planning", short: "ICRP", kind: "academia", country: "AU", since: 2018, steering: true,
               about: "Teaches planners to use child-responsive methods in their daily work."),
        Member(name: "Mobility Justice Fund", short: "MJF", kind: "foundation", country: "DE", since: 2020, steering: false,
               about: "Grants for cities that reallocate street space to walking, cycling and play."),
        Member(name: "Nile Valley Youth Council", short: "NVYC", kind: "ngo", country: "EG", since: 2022, steering: false,
               about: "A youth-run council advising Cairo districts on parks and safe routes."),
        Member(name: "Water and Sanitation for Urban Children", short: "WASUC", kind: "ngo", country: "NG", since: 2019, steering: false,
               about: "Builds child-friendly toilets and water points in Lagos' informal settlements."),
        Member(name: "City Health Observatory", short: "CHO", kind: "academia", country: "CA", since: 2021, steering: false,
               about: "Publishes open data on children's health in 60 cities."),
        Member(name: "Alliance Secretariat Services", short: "ASS", kind: "other", country: "CH", since: 2018, steering: false,
               about: "Hosts the alliance's secretariat and shared services."),
        Member(name: "Mekong Cities for Children", short: "MCC", kind: "network", country: "VN", since: 2022, steering: false,
               about: "Cities along the Mekong sharing flood-safe designs for schools and play."),
        Member(name: "Participatory Design Studio", short: "PDS", kind: "ngo", country: "PT", since: 2023, steering: false,
               about: "Co-designs public spaces with children using models, walks and drawings."),
        Member(name: "Rights First Legal Aid", short: "RFLA", kind: "ngo", country: "PH", since: 2020, steering: false,
               about: "Defends children's right to housing when informal settlements face eviction."),
        Member(name: "Municipal Innovation Agency", short: "MIA", kind: "government", country: "CL", since: 2021, steering: false,
               about: "A public agency helping Chilean municipalities pilot child-friendly policies."),
        Member(name: "Foundation for Safe Journeys", short: "FSJ", kind: "foundation", country: "FR", since: 2019, steering: true,
               about: "Funds speed-management and school-zone programmes in low- and middle-income cities."),
    ]

    static let topics: [(slug: String, name: String, parent: String?)] = [
        ("mobility", "Mobility", nil),
        ("road-safety", "Road safety", "mobility"),
        ("public-transport", "Public transport", "mobility"),
        ("play-and-public-space", "Play and public space", nil),
        ("environment-and-climate", "Environment and climate", nil),
        ("air-quality", "Air quality", "environment-and-climate"),
        ("housing-and-informal-settlements", "Housing and informal settlements", nil),
        ("participation", "Children's participation", nil),
        ("early-childhood", "Early childhood", nil),
        ("governance-and-finance", "Governance and finance", nil),
    ]

    static let regions: [(code: String, name: String, kind: String, parent: String?)] = [
        ("africa", "Africa", "region", nil), ("asia", "Asia and the Pacific", "region", nil),
        ("europe", "Europe", "region", nil), ("latin-america", "Latin America and the Caribbean", "region", nil),
        ("middle-east", "Middle East and North Africa", "region", nil), ("north-america", "North America", "region", nil),
        ("KE", "Kenya", "country", "africa"), ("BD", "Bangladesh", "country", "asia"), ("CO", "Colombia", "country", "latin-america"),
        ("IN", "India", "country", "asia"), ("BR", "Brazil", "country", "latin-america"), ("SN", "Senegal", "country", "africa"),
        ("ZA", "South Africa", "country", "africa"), ("EG", "Egypt", "country", "middle-east"), ("NG", "Nigeria", "country", "africa"),
        ("VN", "Viet Nam", "country", "asia"), ("MX", "Mexico", "country", "latin-america"), ("CH", "Switzerland", "country", "europe"),
        ("FR", "France", "country", "europe"), ("NL", "Netherlands", "country", "europe"), ("PH", "Philippines", "country", "asia"),
    ]


    /// The kind a title names ("Video: …", "… a toolkit …"), else one spread by position over the
    /// written kinds, so no title claims to be what it is not.
    static func kind(of title: String, index: Int) -> String {
        let lower = title.lowercased()
        if lower.hasPrefix("video") { return "video" }
        if lower.contains("infographic") { return "infographic" }
        if lower.contains("toolkit") { return "toolkit" }
        if lower.contains("success story") { return "success_story" }
        if lower.hasPrefix("research into action") { return "research_brief" }
        let written = ["research_paper", "report", "case_study", "guidance", "research_brief", "case_study"]
        return written[index % written.count]
    }

    /// Resource titles; kind, topic, region and languages are spread over them by position.
    static let resourceTitles: [(title: String, summary: String)] = [
        ("Walking to school in Nairobi: a route audit method", "How a neighbourhood group audited 40 school routes in a week, and what the council changed."),
        ("Measuring play deserts in Latin American cities", "A method for mapping where children live more than ten minutes from a safe place to play."),
        ("Heat, shade and schoolyards", "Surface temperatures in 60 schoolyards before and after tree planting."),
        ("Child-responsive planning: a toolkit for municipal staff", "Twelve exercises planners can run with children, with templates."),
        ("Bus stops girls can trust", "What young women in three Mexican cities asked of their bus stops, and what was built."),
        ("Flood-safe classrooms in Dhaka", "Design options for raising and protecting classrooms in flood-prone settlements."),
        ("Clean air around schools: evidence review", "What reduces children's exposure to traffic pollution at the school gate."),
        ("Counting children in informal settlements", "Why census figures miss children in slums, and practical ways to count them."),
        ("Budgeting for children in city finance", "How five cities tagged their budgets to show spending on children."),
        ("Streets for toddlers", "Guidance on pavements, crossings and seating for the youngest children and their carers."),
        ("Youth councils that changed a city plan", "Three youth councils whose proposals made it into adopted city plans."),
        ("Speed and survival: 30 km/h near schools", "The evidence for 30 km/h limits where children walk, with case examples."),
        ("Water points children can use", "Height, distance and safety standards for water points in informal settlements."),
        ("Play in temporary settlements", "How refugee and displacement camps can plan space for play from day one."),
        ("Open school grounds after hours", "Legal and practical steps to open school playgrounds to the neighbourhood."),
        ("Mapping risks with young people", "A participatory mapping guide for youth groups, with a smartphone survey form."),
        ("The 15-minute city for children", "What a 15-minute city looks like when measured at a child's walking speed."),
        ("Children's voices in climate adaptation plans", "A review of 50 city climate plans for children's participation."),
        ("Safe routes to school: a success story from Bogotá", "How a district cut child pedestrian injuries by redesigning six junctions."),
        ("Designing with caregivers of young children", "Running design sessions that work for parents with babies and toddlers."),
        ("Urban green space and child development", "A research summary of links between green space and children's development."),
        ("An infographic: the child's view of a street", "A street drawn at the eye height of a three-year-old."),
        ("School streets: closing roads at the school gate", "How temporary closures at drop-off and pick-up times are run and evaluated."),
        ("Evictions and the rights of the child", "What international law says about children when settlements are cleared."),
        ("Video: a day on the way to school", "Children in four cities film their journey to school."),
        ("Child-friendly public toilets", "Guidance on public toilets that children, carers and people with disabilities can use."),
        ("Data on children in cities: where to find it", "A guide to open data sources on children's health, safety and services in cities."),
        ("Research into action: play streets", "Turning the evidence on play streets into a council policy in six months."),
        ("Children and the night-time city", "How lighting and transport at night shape older children's independence."),
        ("Financing child-friendly neighbourhood upgrades", "Funding models that paid for upgrades in five informal settlements."),
    ]

    static let postTitles: [(title: String, summary: String, series: String)] = [
        ("What we learned from 40 school-route audits", "Volunteers walked every route. Here is what they found and what happened next.", ""),
        ("Ask an Expert: how slow is safe near a school?", "A road-safety engineer answers the question councils ask most.", "Ask an Expert"),
        ("Five cities, one question: where do children play?", "Members compared their play maps and found the same gaps.", ""),
        ("Youth reporters: our bus stop survey", "Young reporters from Guadalajara on the survey they ran and the answers they got.", ""),
        ("Ask an Expert: planting trees in schoolyards", "What to plant, where, and how to keep it alive through the first dry season.", "Ask an Expert"),
        ("A new home for the knowledge hub", "Every paper, toolkit and case study the alliance has published, in one searchable place.", ""),
        ("Counting the uncounted", "Why children in informal settlements go missing from city data, and what members do about it.", ""),
        ("Ask an Expert: budgets that show children", "A city finance officer explains budget tagging in plain words.", "Ask an Expert"),
        ("Welcome to our newest members", "Three organisations joined the alliance this quarter.", ""),
        ("Notes from the Dialogues 4 Action on heat", "The questions participants asked most, and the answers panellists gave.", ""),
        ("How Dakar's children redrew a park", "A story contributed by a member about a park designed with 200 children.", ""),
        ("Our principles, one year on", "How the alliance's guiding principles held up in a year of work.", ""),
    ]

    struct Event {
        let title: String
        let summary: String
        let zone: String
        let dayOffset: Int
        let hour: Int
    }

    static let events: [Event] = [
        Event(title: "Cooling cities for children", summary: "Shade, trees and water: what works against urban heat where children live and learn.",
              zone: "Asia/Dhaka", dayOffset: -120, hour: 15),
        Event(title: "Counting every child", summary: "Methods for counting children in informal settlements, with examples from three continents.",
              zone: "Africa/Nairobi", dayOffset: -75, hour: 14),
        Event(title: "Girls on public transport", summary: "Young women share what makes a journey safe, and transport agencies respond.",
              zone: "America/Bogota", dayOffset: -40, hour: 9),
        Event(title: "Budgets that show children", summary: "City finance officers on tagging and tracking spending on children.",
              zone: "Europe/Zurich", dayOffset: -12, hour: 13),
        Event(title: "School streets around the world", summary: "Closing streets at the school gate: designs, rules and results from six cities.",
              zone: "Africa/Nairobi", dayOffset: 9, hour: 14),
        Event(title: "Play in times of crisis", summary: "Keeping space and time for play in displacement settings and after disasters.",
              zone: "Europe/Zurich", dayOffset: 30, hour: 15),
        Event(title: "Youth councils with real power", summary: "How youth councils can shape plans and budgets, not just be consulted.",
              zone: "America/Bogota", dayOffset: 58, hour: 10),
        Event(title: "Flood-safe schooling", summary: "Design and planning for schools that stay open when the water rises.",
              zone: "Asia/Dhaka", dayOffset: 85, hour: 16),
    ]

    struct Vacancy {
        let title: String
        let kind: String
        let member: Int
        let location: String
        let remote: Bool
        let zone: String
        let dayOffset: Int
        let summary: String
    }

    static let vacancies: [Vacancy] = [
        Vacancy(title: "Consultant: review of child participation in city climate plans", kind: "consultancy", member: 3,
                location: "Remote", remote: true, zone: "Europe/Zurich", dayOffset: 21,
                summary: "Review 50 city climate plans and write a short guidance note for planners."),
        Vacancy(title: "Programme officer, safe routes to school", kind: "job", member: 0,
                location: "Nairobi, Kenya", remote: false, zone: "Africa/Nairobi", dayOffset: 35,
                summary: "Lead route audits with schools and communities and follow through with the county."),
        Vacancy(title: "Research intern, play and public space", kind: "internship", member: 1,
                location: "Rotterdam, Netherlands or remote", remote: true, zone: "Europe/Amsterdam", dayOffset: 12,
                summary: "Six months supporting a comparative study of play-space standards."),
        Vacancy(title: "Volunteer translators (French, Spanish, Portuguese, Arabic)", kind: "volunteer", member: 19,
                location: "Remote", remote: true, zone: "Europe/Zurich", dayOffset: -6,
                summary: "Help translate the alliance's briefs into the alliance's working languages."),
    ]

    static let people: [(name: String, role: String, team: String, member: Int, bio: String)] = [
        ("Amina Odhiambo", "Alliance coordinator", "secretariat", 19, "Leads the secretariat and the alliance's work plan."),
        ("Tomás Restrepo", "Knowledge manager", "secretariat", 19, "Curates the knowledge hub and the Dialogues 4 Action series."),
        ("Leila Haddad", "Communications officer", "secretariat", 19, "Runs the website, the newsletter and the alliance's social channels."),
        ("Priya Raman", "Chair of the steering committee", "steering_committee", 14, "Planner and teacher of child-responsive methods."),
        ("Jonas Vermeer", "Steering committee member", "steering_committee", 1, "Coordinates a network of municipalities working on play."),
        ("Grace Mwangi", "Steering committee member", "steering_committee", 0, "Community organiser for safer streets."),
        ("Claire Dubois", "Steering committee member", "steering_committee", 24, "Grant-maker for road safety near schools."),
    ]

    static let about = """
        Cities4Children is an alliance of organisations that want every city to be a good place to grow up.

        ## Our vision

        Cities where every child can walk to school safely, play near home, breathe clean air and be heard \
        in the decisions that shape their neighbourhood.

        ## Guiding principles

        1. **Children are citizens now**, not only adults in waiting.
        2. **Start with the most excluded** — children in informal settlements, children with disabilities, girls.
        3. **Evidence and practice together**: research that cities can act on, and practice that is measured.
        4. **Work with cities**, not around them.

        ## History

        The alliance began in 2018 when a handful of organisations working on road safety, play and housing \
        found they were giving the same advice to the same cities. It now brings together more than 25 members \
        on every continent, with national affiliates in three countries.
        """

    static let privacy = """
        This page explains what the alliance does with the personal data you give us.

        ## What we keep

        When you sign up to the mailing list, register for a webinar, send a contribution or write to us, \
        we keep what you typed in the form and the time you sent it. We use it only for that purpose.

        ## Your rights

        You can ask us at any time to see, correct or delete what we hold about you. Write to the contact \
        address at the foot of every page.
        """
}
