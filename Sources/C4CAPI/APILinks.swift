import C4CCore
import C4CStore
import Foundation

/// Turns what the queries read into the API's representations, with absolute addresses on this
/// site (in the language asked for) so a partner's page can link straight to the item.
struct APILinks: Sendable {
    /// The site's public address without a trailing slash, e.g. `https://cities4children.org`.
    let publicURL: String

    func page(_ language: Language, _ path: String) -> String {
        publicURL + language.pathPrefix + path
    }

    func file(id: Int64, name: String) -> String {
        publicURL + FilePath.make(id: id, name: name)
    }

    func summary(_ item: ResourceListItem, _ language: Language) -> Components.Schemas.ResourceSummary {
        .init(slug: item.slug, url: page(language, "/resources/\(item.slug)"), title: item.title, kind: item.kind,
              summary: item.summary, publishedOn: item.publishedOn)
    }

    func resource(_ detail: ResourceQueries.Detail, _ language: Language) -> Components.Schemas.Resource {
        let resource = detail.resource
        return .init(
            slug: resource.slug, url: page(language, "/resources/\(resource.slug)"), title: resource.title, kind: resource.kind,
            summary: resource.summary, publishedOn: resource.publishedOn, language: resource.lang, body: resource.body,
            seriesName: resource.seriesName, seriesNumber: resource.seriesNumber, externalUrl: resource.externalUrl,
            citation: resource.citation, authors: detail.authors,
            organisations: detail.organisations.map { .init(slug: $0.value, name: $0.label) },
            topics: detail.topics.map { .init(slug: $0.slug, name: $0.name) },
            regions: detail.regions.map { .init(slug: $0.value, name: $0.label) },
            languages: detail.languages,
            files: detail.files.map {
                .init(name: $0.name, url: file(id: $0.fileId, name: $0.name), contentType: $0.contentType, byteSize: $0.byteSize,
                      language: $0.language, label: $0.label)
            },
            cover: detail.cover.map {
                .init(url: file(id: $0.fileID, name: $0.fileName), alt: $0.altText, credit: $0.credit, width: $0.width, height: $0.height)
            },
            updatedAt: Date(epochSeconds: resource.updatedAt))
    }

    func event(_ event: EventDetail, _ language: Language, now: Date) -> Components.Schemas.Event {
        let url = page(language, "/events/\(event.slug)")
        let registrationURL = switch event.registration {
        case "builtin": url
        case "external": event.registrationUrl
        default: ""
        }
        return .init(
            slug: event.slug, url: url, calendarUrl: page(language, "/events/\(event.slug).ics"), language: event.lang,
            title: event.title, summary: event.summary, description: event.description,
            series: event.seriesSlug.map { .init(slug: $0, name: event.seriesTitle ?? $0) },
            startsAt: Date(epochSeconds: event.startsAt), endsAt: Date(epochSeconds: event.endsAt), timeZone: event.timeZone,
            online: event.online, venue: event.venue, registration: Components.Schemas.Event.RegistrationPayload(rawValue: event.registration) ?? .none,
            registrationUrl: registrationURL, recordingUrl: event.recordingUrl, past: event.isPast(at: now))
    }

    func vacancy(_ vacancy: VacancyDetail, _ language: Language, now: Date) -> Components.Schemas.Vacancy {
        var terms: Components.Schemas.File?
        if let id = vacancy.termsFileId, let name = vacancy.termsFileName {
            terms = .init(name: name, url: file(id: id, name: name), contentType: vacancy.termsContentType ?? "",
                          byteSize: vacancy.termsByteSize ?? 0, language: "", label: "")
        }
        return .init(
            slug: vacancy.slug, url: page(language, "/vacancies/\(vacancy.slug)"), language: vacancy.lang, title: vacancy.title,
            kind: vacancy.kind, organisation: vacancy.organisation, location: vacancy.location, remote: vacancy.remote,
            summary: vacancy.summary, body: vacancy.body, deadlineAt: Date(epochSeconds: vacancy.deadlineAt),
            deadlineTimeZone: vacancy.deadlineZone, open: vacancy.deadlineAt >= now.epochSeconds,
            applyEmail: vacancy.applyEmail, applySubject: vacancy.applySubject, applyUrl: vacancy.applyUrl, termsOfReference: terms)
    }

    func post(_ post: PostDetail, _ language: Language) -> Components.Schemas.Post {
        .init(slug: post.slug, url: page(language, "/blog/\(post.slug)"), language: post.lang, title: post.title, summary: post.summary,
              body: post.body, byline: post.byline, contributorCredit: post.contributorCredit, seriesName: post.seriesName,
              publishedAt: Date(epochSeconds: post.publishAt ?? post.createdAt))
    }

    func member(_ member: MemberSummary, _ language: Language) -> Components.Schemas.Member {
        var logo: String?
        if let id = member.logoFileId, let name = member.logoFileName { logo = file(id: id, name: name) }
        return .init(
            slug: member.slug, url: page(language, "/members/\(member.slug)"), language: member.lang, name: member.name, kind: member.kind,
            countryCode: member.countryCode, countryName: member.countryName ?? "", description: member.description,
            steeringCommittee: member.steeringCommittee, memberSince: member.memberSince, website: member.website, logoUrl: logo)
    }
}
