@testable import C4CStore
import Testing

@Suite struct BitsetTests {
    @Test(arguments: [0, 1, 63, 64, 65, 130])
    func allHoldsExactlyThePositionsBelowItsCapacity(capacity: Int) {
        let set = Bitset.all(capacity)
        #expect(set.count == capacity)
        #expect(set.positions(skipping: 0, limit: .max) == Array(0..<capacity))
    }

    @Test func positionsSkipWholeWordsAndStopAtTheLimit() {
        var set = Bitset(capacity: 200)
        for position in [3, 64, 65, 127, 128, 199] { set.insert(position) }
        #expect(set.positions(skipping: 0, limit: 2) == [3, 64])
        #expect(set.positions(skipping: 3, limit: 2) == [127, 128])
        #expect(set.positions(skipping: 5, limit: 10) == [199])
        #expect(set.positions(skipping: 6, limit: 10) == [])
    }

    @Test func positionsFromAStartIncludeItAndCrossWordsAsSkippingDoes() {
        var set = Bitset(capacity: 200)
        for position in [3, 64, 65, 127, 128, 199] { set.insert(position) }
        #expect(set.positions(from: 0, limit: 2) == [3, 64])
        #expect(set.positions(from: 64, limit: 3) == [64, 65, 127])
        #expect(set.positions(from: 66, limit: 10) == [127, 128, 199])
        #expect(set.positions(from: 200, limit: 10) == [])
        #expect(set.positions(from: 5, limit: 0) == [])
        for start in 0..<200 {
            let skipped = set.positions(skipping: 0, limit: .max).filter { $0 < start }.count
            #expect(set.positions(from: start, limit: 4) == set.positions(skipping: skipped, limit: 4))
        }
    }

    @Test func intersectionsCountWhatBothHold() {
        var odd = Bitset(capacity: 100), small = Bitset(capacity: 100)
        for position in stride(from: 1, to: 100, by: 2) { odd.insert(position) }
        for position in 0..<10 { small.insert(position) }
        #expect(odd.intersectionCount(small) == 5)
        odd.formIntersection(small)
        #expect(odd.positions(skipping: 0, limit: .max) == [1, 3, 5, 7, 9])
        #expect(odd.contains(9) && !odd.contains(11))
    }
}
