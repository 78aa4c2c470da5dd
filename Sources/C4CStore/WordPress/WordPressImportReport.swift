/// What an import did: per kind how many items were created, updated and left as they were,
/// and what was skipped or could not be converted, with the reason.
public struct WordPressImportReport: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
    }

    /// A reason, how often it happened and the first few items it happened to.
    public struct Note: Sendable, Equatable {
        public var reason: String
        public var count = 0
        public var examples: [String] = []
    }

    /// "posts", "pages", "media", "topics", "redirects".
    public var counts: [String: Counts] = [:]
    public var skipped: [Note] = []
    public var unconverted: [Note] = []

    static let examplesKept = 5

    mutating func count(_ kind: String, _ outcome: WordPressImporter.Outcome) {
        var counts = self.counts[kind] ?? Counts()
        switch outcome {
        case .created: counts.created += 1
        case .updated: counts.updated += 1
        case .unchanged: counts.unchanged += 1
        }
        self.counts[kind] = counts
    }

    mutating func skip(_ item: String, because reason: String) { Self.add(item, reason, to: &skipped) }

    mutating func unconverted(_ what: String, in item: String) { Self.add(item, what, to: &unconverted) }

    /// Kept small whatever the export's size: one note per reason, a few examples each.
    static func add(_ item: String, _ reason: String, to notes: inout [Note]) {
        if let index = notes.firstIndex(where: { $0.reason == reason }) {
            notes[index].count += 1
            if notes[index].examples.count < examplesKept { notes[index].examples.append(item) }
        } else {
            notes.append(Note(reason: reason, count: 1, examples: [item]))
        }
    }

    /// The report as printed at the end of a run.
    public var text: String {
        var lines = ["Imported:"]
        for kind in ["posts", "pages", "media", "topics", "redirects"] {
            let c = counts[kind] ?? Counts()
            lines.append("  \(kind): \(c.created) created, \(c.updated) updated, \(c.unchanged) unchanged")
        }
        func section(_ title: String, _ notes: [Note]) {
            guard !notes.isEmpty else { return }
            lines.append(title)
            for note in notes {
                let more = note.count > note.examples.count ? ", …" : ""
                lines.append("  \(note.count) × \(note.reason): \(note.examples.joined(separator: ", "))\(more)")
            }
        }
        section("Skipped:", skipped)
        section("Kept as escaped text (edit these by hand):", unconverted)
        return lines.joined(separator: "\n")
    }
}
