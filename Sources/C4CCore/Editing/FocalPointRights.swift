/// What a member focal point may do with a content type. Editors and administrators may do
/// everything with every type; the back-office gate reads this to declare each route's access.
public enum FocalPointRights: Sendable, Equatable {
    /// Nothing: the type is the editors'.
    case none
    /// Edit their own organisation's item (its profile), which stays live; never create one.
    case ownProfile
    /// Create items credited to their organisation and change them while they are drafts.
    case proposals
}

/// How an item names the organisation it belongs to.
public enum OwnerColumn: Sendable, Equatable {
    /// Items belong to nobody in particular.
    case none
    /// The item is the organisation (a member's profile).
    case itself
    /// A column of the item's own row.
    case column(String)
    /// A link table: an item may be credited to several organisations.
    case link(table: String, parent: String, child: String)
}

extension ContentType {
    /// Fields a member focal point sent but may not set that way: an editors-only field changed,
    /// or another organisation credited. `posted` holds only the fields present in the form.
    public func fieldsRefusedToFocalPoint(posted: [String: String], stored: [String: String], organisationID: Int64) -> [String] {
        fields.compactMap { field in
            guard let value = posted[field.name]?.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
            switch field.setter {
            case .anyone:
                return nil
            case .editorsOnly:
                return value == (stored[field.name] ?? "") ? nil : field.name
            case .creditedOrganisation:
                let named = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                return named.allSatisfy({ $0 == String(organisationID) }) ? nil : field.name
            }
        }
    }

    /// What a focal point's form stores: editors-only fields keep their stored values, and the
    /// item is credited to the focal point's organisation alone.
    public func inputForFocalPoint(_ input: [String: String], stored: [String: String], organisationID: Int64) -> [String: String] {
        var result = input
        for field in fields {
            switch field.setter {
            case .anyone: break
            case .editorsOnly: result[field.name] = stored[field.name] ?? ""
            case .creditedOrganisation: result[field.name] = String(organisationID)
            }
        }
        return result
    }
}
