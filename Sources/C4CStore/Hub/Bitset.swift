/// A set of small non-negative integers, one bit each: the knowledge hub's facet index keeps one
/// per facet value over the positions of its resources, so counting a value under the other
/// filters is an AND and a population count over a few hundred words, however many resources.
struct Bitset: Sendable, Equatable {
    private(set) var words: [UInt64]

    init(capacity: Int) {
        words = Array(repeating: 0, count: (capacity + 63) / 64)
    }

    /// Every position below `capacity`.
    static func all(_ capacity: Int) -> Bitset {
        var set = Bitset(capacity: capacity)
        for index in set.words.indices { set.words[index] = .max }
        if capacity % 64 != 0 { set.words[set.words.count - 1] = (1 << UInt64(capacity % 64)) - 1 }
        return set
    }

    mutating func insert(_ position: Int) {
        words[position >> 6] |= 1 << UInt64(position & 63)
    }

    func contains(_ position: Int) -> Bool {
        words[position >> 6] & (1 << UInt64(position & 63)) != 0
    }

    mutating func formIntersection(_ other: Bitset) {
        for index in words.indices { words[index] &= other.words[index] }
    }

    var count: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    func intersectionCount(_ other: Bitset) -> Int {
        var total = 0
        for index in words.indices { total += (words[index] & other.words[index]).nonzeroBitCount }
        return total
    }

    /// Up to `limit` positions in increasing order, from `start` on.
    func positions(from start: Int, limit: Int) -> [Int] {
        var result: [Int] = []
        guard limit > 0 else { return result }
        var index = start >> 6
        guard start >= 0, index < words.count else { return result }
        var word = words[index] & (~UInt64(0) << (start & 63))
        while true {
            while word != 0 {
                result.append(index << 6 | word.trailingZeroBitCount)
                if result.count == limit { return result }
                word &= word - 1
            }
            index += 1
            guard index < words.count else { return result }
            word = words[index]
        }
    }

    /// Up to `limit` positions in increasing order, after skipping the first `skip`.
    func positions(skipping skip: Int, limit: Int) -> [Int] {
        var result: [Int] = []
        var toSkip = skip
        for (index, word) in words.enumerated() where word != 0 {
            let bits = word.nonzeroBitCount
            if toSkip >= bits { toSkip -= bits; continue }
            var rest = word
            while rest != 0 {
                let bit = rest.trailingZeroBitCount
                rest &= rest - 1
                if toSkip > 0 { toSkip -= 1; continue }
                result.append(index << 6 | bit)
                if result.count == limit { return result }
            }
        }
        return result
    }
}
