import C4CCore
import C4CStore

// Values read from the database that templates show as they are. Their template names are
// written out here, apart from the column names they are decoded by, so renaming a column never
// silently renames what a template reads.

extension Person: Encodable {
    private enum TemplateKeys: String, CodingKey { case slug, name, role, organisation, bio, team }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: TemplateKeys.self)
        try fields.encode(slug, forKey: .slug)
        try fields.encode(name, forKey: .name)
        try fields.encode(role, forKey: .role)
        try fields.encodeIfPresent(organisation, forKey: .organisation)
        try fields.encode(bio, forKey: .bio)
        try fields.encode(team, forKey: .team)
    }
}

extension Speaker: Encodable {
    private enum TemplateKeys: String, CodingKey { case name, role, organisation }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: TemplateKeys.self)
        try fields.encode(name, forKey: .name)
        try fields.encode(role, forKey: .role)
        try fields.encode(organisation, forKey: .organisation)
    }
}

extension Affiliate: Encodable {
    private enum TemplateKeys: String, CodingKey {
        case slug, name, countryCode, countryName, leadOrganisation, contactName, contactEmail, website
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: TemplateKeys.self)
        try fields.encode(slug, forKey: .slug)
        try fields.encode(name, forKey: .name)
        try fields.encode(countryCode, forKey: .countryCode)
        try fields.encodeIfPresent(countryName, forKey: .countryName)
        try fields.encode(leadOrganisation, forKey: .leadOrganisation)
        try fields.encode(contactName, forKey: .contactName)
        try fields.encode(contactEmail, forKey: .contactEmail)
        try fields.encode(website, forKey: .website)
    }
}

extension UserQueries.Summary: Encodable {
    private enum TemplateKeys: String, CodingKey { case id, email, name, role, organisationId, organisationName, disabled }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: TemplateKeys.self)
        try fields.encode(id, forKey: .id)
        try fields.encode(email, forKey: .email)
        try fields.encode(name, forKey: .name)
        try fields.encode(role, forKey: .role)
        try fields.encodeIfPresent(organisationId, forKey: .organisationId)
        try fields.encodeIfPresent(organisationName, forKey: .organisationName)
        try fields.encode(disabled, forKey: .disabled)
    }
}
