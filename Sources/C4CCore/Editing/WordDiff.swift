/// The difference between two texts word by word, for revisions and conflicts: which words were
/// kept, deleted and inserted, in reading order. Words are runs of letters and digits; spaces and
/// each punctuation mark are tokens of their own, so "play." against "play!" changes one mark.
/// Myers' algorithm on what is left between the common start and end, O((N+M)·D).
public enum WordDiff {
    public enum Kind: Sendable, Equatable {
        case same, deleted, inserted
    }

    public struct Piece: Sendable, Equatable {
        public let kind: Kind
        public let text: String

        public init(_ kind: Kind, _ text: String) {
            self.kind = kind
            self.text = text
        }
    }

    /// Past this many changed tokens the middle is shown as one deletion and one insertion: the
    /// texts have little in common, and the search's memory grows with the square of the changes.
    public static let maximumEdits = 1500

    public static func tokens(_ text: String) -> [Substring] {
        var tokens: [Substring] = []
        var start = text.startIndex
        var current: TokenGroup?
        for index in text.indices {
            let group = TokenGroup(text[index])
            if group != current || group == .mark, index != start {
                tokens.append(text[start..<index])
                start = index
            }
            current = group
        }
        if start < text.endIndex { tokens.append(text[start...]) }
        return tokens
    }

    public static func diff(_ old: String, _ new: String) -> [Piece] {
        let a = tokens(old), b = tokens(new)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var pieces: [(Kind, Substring)] = a[..<prefix].map { (.same, $0) }
        pieces += middle(Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
        pieces += a[(a.count - suffix)...].map { (.same, $0) }
        return merged(pieces)
    }

    /// Each changed passage reads as its whole old words then its whole new words, and adjacent
    /// tokens of one kind are joined.
    static func merged(_ pieces: [(Kind, Substring)]) -> [Piece] {
        var result: [Piece] = []
        var deleted = "", inserted = ""
        func flush() {
            if !deleted.isEmpty { result.append(Piece(.deleted, deleted)) }
            if !inserted.isEmpty { result.append(Piece(.inserted, inserted)) }
            deleted = ""
            inserted = ""
        }
        for (index, (kind, text)) in pieces.enumerated() {
            switch kind {
            case .deleted: deleted += text
            case .inserted: inserted += text
            case .same:
                // A lone space between two changes belongs to the change, or "a b" → "c d" reads as four pieces.
                let between = text.allSatisfy(\.isWhitespace) && !deleted.isEmpty && !inserted.isEmpty
                    && index + 1 < pieces.count && pieces[index + 1].0 != .same
                if between {
                    deleted += text
                    inserted += text
                    continue
                }
                flush()
                if let last = result.last, last.kind == .same {
                    result[result.count - 1] = Piece(.same, last.text + text)
                } else {
                    result.append(Piece(.same, String(text)))
                }
            }
        }
        flush()
        return result
    }

    static func middle(_ a: [Substring], _ b: [Substring]) -> [(Kind, Substring)] {
        if a.isEmpty { return b.map { (.inserted, $0) } }
        if b.isEmpty { return a.map { (.deleted, $0) } }
        let n = a.count, m = b.count, offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        // trace[d]: v[k] for k in -d...d as step d found it.
        var trace: [[Int]] = []
        var found = false
        search: for d in 0...min(n + m, maximumEdits) {
            trace.append(Array(v[(offset - d)...(offset + d)]))
            for k in stride(from: -d, through: d, by: 2) {
                var x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n, y >= m {
                    found = true
                    break search
                }
            }
        }
        guard found else { return a.map { (.deleted, $0) } + b.map { (.inserted, $0) } }
        var pieces: [(Kind, Substring)] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let row = trace[d]
            func at(_ k: Int) -> Int { row[k + d] }
            let k = x - y
            let previousK = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : at(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                pieces.append((.same, a[x - 1]))
                x -= 1
                y -= 1
            }
            guard d > 0 else { break }
            if x == previousX {
                pieces.append((.inserted, b[y - 1]))
            } else {
                pieces.append((.deleted, a[x - 1]))
            }
            x = previousX
            y = previousY
        }
        return pieces.reversed()
    }
}

extension WordDiff {
    enum TokenGroup: Equatable {
        case word, space, mark

        init(_ character: Character) {
            if character.isLetter || character.isNumber || character == "_" {
                self = .word
            } else if character.isWhitespace {
                self = .space
            } else {
                self = .mark
            }
        }
    }
}
