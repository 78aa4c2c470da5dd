import C4CAPI
import C4CCore
import C4CStore
import Foundation
import Hummingbird
import Logging
import SMTP

/// The parts a running site is made of; tests build it with a fixed clock and a test database.
public struct AppDependencies: Sendable {
    public var database: any Database
    public var clock: WallClock
    public var renderer: PageRenderer
    public var configuration: AppConfiguration
    /// How a slowed sign-in attempt waits.
    public var pause: @Sendable (Duration) async -> Void
    /// Where the outbox worker hands each message: the configured mail server, else the mail folder.
    public var mailTransport: any MailTransport
    /// What `/metrics` reports; this application's own.
    public let metrics = SiteMetrics()

    public init(database: any Database, clock: WallClock, renderer: PageRenderer, configuration: AppConfiguration,
                pause: @escaping @Sendable (Duration) async -> Void = { try? await Task.sleep(for: $0) },
                mailTransport: (any MailTransport)? = nil) {
        self.database = database
        self.clock = clock
        self.renderer = renderer
        self.configuration = configuration
        self.pause = pause
        self.mailTransport = mailTransport ?? FolderMailTransport(directory: configuration.mailDirectory)
    }

    public static func make(configuration: AppConfiguration, database: any Database, clock: WallClock = .system) async throws -> AppDependencies {
        var renderer = try await PageRenderer(rootDirectory: configuration.rootDirectory, publicURL: configuration.publicURL)
        renderer.strictTemplates = configuration.strictTemplates
        if configuration.renderProfile { renderer.profile = RenderProfile(logger: Logger(label: "c4c")) }
        // Reads the extra certificates now, so a wrong path stops the start rather than every delivery.
        let transport = try configuration.smtp.map { SMTPMailTransport(client: try SMTPClient(configuration: $0)) }
        return AppDependencies(database: database, clock: clock, renderer: renderer, configuration: configuration, mailTransport: transport)
    }
}

/// The router with every middleware and route, in the order a request meets them.
public func buildRouter(_ dependencies: AppDependencies) -> Router<AppRequestContext> {
    buildRouter(dependencies, caching: PageCaching(dependencies))
}

public func buildRouter(_ dependencies: AppDependencies, caching: PageCaching) -> Router<AppRequestContext> {
    let database = dependencies.database
    let settings = SettingsQueries(database: database)
    let renderer = dependencies.renderer
    let clock = dependencies.clock

    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Outermost: every request gets its id, its log line and its place in the metrics, cached or not.
    router.add(middleware: RequestTelemetry(metrics: dependencies.metrics))
    // Before the cache, so a partner's loop is counted even when answered from memory.
    router.add(middleware: APIRateLimit(perMinute: dependencies.configuration.apiRequestsPerMinute,
                                        trustForwardedFor: dependencies.configuration.trustForwardedFor, clock: clock))
    router.add(middleware: APIPreflight())
    // Then: a page in memory is answered before anything else runs. It keeps the final response,
    // security headers included, so a hit carries them too.
    router.add(middleware: PageCacheMiddleware(caching: caching))
    router.add(middleware: SecurityHeadersMiddleware(behindTLS: dependencies.configuration.behindTLS))
    router.add(middleware: ErrorPageMiddleware(settings: settings, site: SiteQueries(database: database), renderer: renderer, clock: clock,
                                               freshness: caching.freshness))
    router.add(middleware: AddressLengthLimit())
    router.add(middleware: CrossOriginProtection())

    router.get("/assets/:name") { request, _ in
        guard let response = renderer.assets.response(path: request.uri.path, acceptsGzip: request.acceptsGzip) else {
            throw HTTPError(.notFound)
        }
        return response
    }
    HealthController(database: database).addRoutes(to: router)
    MetricsController(metrics: dependencies.metrics, database: database, token: dependencies.configuration.metricsToken)
        .addRoutes(to: router)
    FileController(files: FileQueries(database: database), variants: ImageVariantMaker(database: database), clock: clock)
        .addRoutes(to: router)
    let site = Site(renderer: renderer, freshness: caching.freshness, clock: clock)
    HomeController(home: HomeQueries(database: database), site: site).addRoutes(to: router)

    let siteQueries = SiteQueries(database: database)
    let resources = ResourceQueries(database: database)
    let blog = BlogQueries(database: database)
    let events = EventQueries(database: database)
    let translations = Translations(queries: siteQueries, clock: clock)
    let pages = PublicPages(
        members: MembersController(site: site, translations: translations, queries: siteQueries, resources: resources, blog: blog, events: events),
        resources: ResourcesController(site: site, queries: resources, translations: translations),
        events: EventsController(site: site, queries: events, translations: translations,
                                 directory: SiteQueries(database: database)),
        vacancies: VacanciesController(site: site, queries: VacancyQueries(database: database), translations: translations),
        blog: BlogController(site: site, queries: blog, translations: translations),
        about: AboutController(site: site, queries: siteQueries)
    )
    FeedsController(site: site, blog: blog, resources: resources, events: events, sitemap: SitemapQueries(database: database),
                    sitemapPageSize: dependencies.configuration.sitemapPageSize)
        .addRoutes(to: router)
    pages.members.addRoutes(to: router)
    pages.resources.addRoutes(to: router)
    pages.events.addRoutes(to: router)
    pages.vacancies.addRoutes(to: router)
    pages.blog.addRoutes(to: router)
    SearchController(site: site, queries: SearchQueries(database: database)).addRoutes(to: router)
    RegistrationController(site: site, registrations: RegistrationQueries(database: database),
                           directory: SiteQueries(database: database),
                           mail: RegistrationMail(catalog: renderer.catalog, publicURL: dependencies.configuration.publicURL),
                           trustForwardedFor: dependencies.configuration.trustForwardedFor).addRoutes(to: router)
    ContributeController(site: site, contributions: ContributionQueries(database: database), directory: SiteQueries(database: database),
                         trustForwardedFor: dependencies.configuration.trustForwardedFor).addRoutes(to: router)
    ContactController(site: site, contact: ContactQueries(database: database),
                      trustForwardedFor: dependencies.configuration.trustForwardedFor).addRoutes(to: router)
    NewsletterController(site: site, lists: MailingListQueries(database: database), topics: TopicQueries(database: database),
                         trustForwardedFor: dependencies.configuration.trustForwardedFor).addRoutes(to: router)
    NewsletterArchiveController(site: site, newsletters: NewsletterQueries(database: database)).addRoutes(to: router)
    EmbedController(site: site, lists: APIListQueries(database: database, resources: resources)).addRoutes(to: router)
    addPublicAPI(to: router, dependencies, resources: resources)
    addBackOffice(to: router, dependencies, previews: pages)
    // Last: `/{slug}` answers for free pages once every fixed address is taken.
    pages.about.addRoutes(to: router)
    return router
}

/// The public item pages, kept together so the back office can preview an item through the
/// very page visitors will see.
struct PublicPages: Sendable {
    let members: MembersController<AppRequestContext>
    let resources: ResourcesController<AppRequestContext>
    let events: EventsController<AppRequestContext>
    let vacancies: VacanciesController<AppRequestContext>
    let blog: BlogController<AppRequestContext>
    let about: AboutController<AppRequestContext>

    /// The public page of an item, whatever its status; nil for types without a page.
    @Sendable func render(_ type: ContentType, slug: String, lang: String, id: Int64) async throws -> Response? {
        let language = Language(rawValue: lang) ?? .default
        switch type.key {
        case "events": return try await events.show(slug, language, preview: id)
        case "series": return try await events.series(slug, language, preview: id)
        case "resources": return try await resources.show(slug, language, preview: id)
        case "posts": return try await blog.show(slug, language, preview: id)
        case "vacancies": return try await vacancies.show(slug, language, preview: id)
        case "members": return try await members.member(slug, language, preview: id)
        case "pages": return try await about.freePage(slug, language, isAbout: slug == "about", preview: id)
        default: return nil
        }
    }
}

/// The partners' JSON API and its OpenAPI document. The document is read from the checkout, as the
/// templates are: a site that cannot describe its API does not start.
func addPublicAPI(to router: Router<AppRequestContext>, _ dependencies: AppDependencies, resources: ResourceQueries) {
    let documentURL = PublicAPIRoutes.documentURL(root: dependencies.configuration.rootDirectory)
    guard let document = try? Data(contentsOf: documentURL) else {
        fatalError("The API's OpenAPI document is missing at \(documentURL.path): start c4c from the repository root or set C4C_ROOT.")
    }
    let routes = PublicAPIRoutes(database: dependencies.database, resources: resources, clock: dependencies.clock,
                                 publicURL: dependencies.configuration.publicURL, document: document)
    do {
        try routes.addRoutes(to: router)
    } catch {
        fatalError("The API's routes could not be registered: \(error)")
    }
}

/// Every back-office route, recorded in `adminRoutes` for the route × role test.
let adminRoutes = AdminRouteTable()

func addBackOffice(to router: Router<AppRequestContext>, _ dependencies: AppDependencies, previews: PublicPages) {
    let database = dependencies.database
    let clock = dependencies.clock
    let settings = SettingsQueries(database: database)
    let pages = AdminPages(renderer: dependencies.renderer, settings: settings)
    let sessions = SessionQueries(database: database)
    let gate = AdminGate(sessions: sessions, editor: ContentEditorQueries(database: database), clock: clock, behindTLS: dependencies.configuration.behindTLS, table: adminRoutes)
    let users = UserQueries(database: database)
    SessionController(pages: pages, gate: gate, users: users, sessions: sessions, attempts: LoginAttemptQueries(database: database),
                      setupCode: SetupCodeQueries(database: database), pause: dependencies.pause,
                      clock: clock, trustForwardedFor: dependencies.configuration.trustForwardedFor).addRoutes(to: router)
    DashboardController(pages: pages, gate: gate, counts: AdminCounts(database: database), attention: AttentionQueries(database: database),
                        settings: settings, clock: clock).addRoutes(to: router)
    UsersController(pages: pages, gate: gate, users: users, organisations: SiteQueries(database: database), clock: clock).addRoutes(to: router)
    SettingsController(pages: pages, gate: gate, settings: settings, database: database, clock: clock).addRoutes(to: router)
    AuditController(pages: pages, gate: gate, audit: AuditQueries(database: database)).addRoutes(to: router)
    ContentController(pages: pages, gate: gate, editor: ContentEditorQueries(database: database), clock: clock,
                      preview: previews.render).addRoutes(to: router)
    PasswordResetController(pages: pages, resets: PasswordResetQueries(database: database), publicURL: dependencies.configuration.publicURL,
                            clock: clock, trustForwardedFor: dependencies.configuration.trustForwardedFor).addRoutes(to: router)
    TopicsController(pages: pages, gate: gate, topics: TopicQueries(database: database), clock: clock).addRoutes(to: router)
    MediaController(pages: pages, gate: gate, media: MediaQueries(database: database), files: FileQueries(database: database),
                    processor: ImageProcessor(), variants: ImageVariantMaker(database: database), clock: clock)
        .addRoutes(to: router)
    MailController(pages: pages, gate: gate, mail: MailQueries(database: database), clock: clock).addRoutes(to: router)
    SubscribersController(pages: pages, gate: gate, subscribers: SubscriberListQueries(database: database),
                          lists: MailingListQueries(database: database), clock: clock).addRoutes(to: router)
    MessagesController(pages: pages, gate: gate, contact: ContactQueries(database: database), clock: clock).addRoutes(to: router)
    NewslettersController(pages: pages, gate: gate, newsletters: NewsletterQueries(database: database), topics: TopicQueries(database: database),
                          settings: settings, clock: clock).addRoutes(to: router)
    ContributionsController(pages: pages, gate: gate, contributions: ContributionQueries(database: database),
                            directory: SiteQueries(database: database), settings: settings,
                            clock: clock).addRoutes(to: router)
    RegistrationsController(pages: pages, gate: gate, registrations: RegistrationQueries(database: database),
                            editor: ContentEditorQueries(database: database)).addRoutes(to: router)
}

/// The application: the router, the HTTP server and the background services. `caching` is made
/// from the configuration unless a test passes its own to look into.
public func buildApplication(_ dependencies: AppDependencies, caching: PageCaching? = nil, logger: Logger,
                             onServerRunning: @escaping @Sendable (String) async -> Void = { _ in }) -> some ApplicationProtocol {
    let configuration = dependencies.configuration
    let settings = SettingsQueries(database: dependencies.database)
    let caching = caching ?? PageCaching(dependencies)
    logger.info("\(caching.summary)")
    logger.info("Mail goes to \(configuration.smtp.map { "the server \($0)" } ?? "the folder \(configuration.mailDirectory.path) (set C4C_SMTP_URL to send it)")")
    let mail = MailDelivery(
        mail: MailQueries(database: dependencies.database), transport: dependencies.mailTransport,
        from: { (try? await settings.siteSettings().contactEmail).flatMap { $0.isEmpty ? nil : $0 } ?? "noreply@localhost" },
        publicURL: configuration.publicURL, clock: dependencies.clock, perMinute: configuration.mailPerMinute, logger: logger)
    let reminders = RegistrationReminders(
        registrations: RegistrationQueries(database: dependencies.database),
        mail: RegistrationMail(catalog: dependencies.renderer.catalog, publicURL: configuration.publicURL),
        clock: dependencies.clock, logger: logger)
    return Application(
        router: buildRouter(dependencies, caching: caching),
        server: .http1(configuration: .init(httpDecoderConfiguration: .init(
            maxHeaderFieldSize: AddressLengthLimit<AppRequestContext>.decoderLimit,
            maxHeaderListSize: AddressLengthLimit<AppRequestContext>.decoderLimit))),
        configuration: .init(address: .hostname(configuration.hostname, port: configuration.port), serverName: nil),
        services: [mail, ContentWatcher(freshness: caching.freshness), reminders,
                   ImageVariantWorker(maker: ImageVariantMaker(database: dependencies.database), clock: dependencies.clock, logger: logger)],
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            do {
                if let code = try await SetupCodeQueries(database: dependencies.database).issueIfNeeded() {
                    logger.notice("First-run setup code: \(code) — open /admin/setup and enter it to create the first administrator. It is spent once used; a restart prints a new one.")
                }
            } catch {
                logger.error("Could not issue the first-run setup code", metadata: ["error": "\(error)"])
            }
            await onServerRunning("http://\(configuration.hostname):\(port)/")
        },
        logger: logger
    )
}
