import HTTPTypes
import NIOCore
import Synchronization

/// A public response kept in memory: its body made once in both forms, and the complete header
/// sets it is answered with, so a hit copies nothing.
struct CachedPage: Sendable {
    let plain: ByteBuffer
    let gzipped: ByteBuffer?
    /// Tag of the content state it was rendered under (`ContentFreshness.Snapshot.generation`).
    let generation: Int
    let plainHeaders: HTTPFields
    let gzipHeaders: HTTPFields
    /// For a `304 Not Modified`: what the 200 would say, less what describes the body.
    let plainNotModifiedHeaders: HTTPFields
    let gzipNotModifiedHeaders: HTTPFields
    let plainETag: String
    let gzipETag: String

    /// What it holds in memory, roughly: bodies, headers, and the bookkeeping around them.
    var bytes: Int {
        plain.readableBytes + (gzipped?.readableBytes ?? 0) + 4 * 48 * plainHeaders.count + 256
    }
}

/// Pages by key, bounded in bytes, the least recently used evicted first.
final class PageCache: Sendable {
    let limit: Int
    private let store: Mutex<LeastRecentlyUsed>

    init(limit: Int) {
        self.limit = limit
        self.store = Mutex(LeastRecentlyUsed(limit: limit))
    }

    func page(_ key: String) -> CachedPage? {
        store.withLock { $0.get(key) }
    }

    /// Keeps a page unless it alone would take more than a quarter of the limit.
    func keep(_ page: CachedPage, for key: String) {
        let cost = page.bytes + key.utf8.count
        guard cost <= limit / 4 else { return }
        store.withLock { $0.set(key, page, cost: cost) }
    }

    var usage: (pages: Int, bytes: Int) { store.withLock { ($0.count, $0.bytes) } }
}

/// A dictionary with a doubly linked list threaded through an array of slots, newest first.
struct LeastRecentlyUsed {
    private struct Slot {
        var key: String
        var page: CachedPage?
        var cost: Int
        var newer: Int
        var older: Int
    }

    let limit: Int
    private var slots: [Slot] = []
    private var slotByKey: [String: Int] = [:]
    private var unused: [Int] = []
    private var newest = -1
    private var oldest = -1
    private(set) var bytes = 0

    init(limit: Int) { self.limit = limit }

    var count: Int { slotByKey.count }

    mutating func get(_ key: String) -> CachedPage? {
        guard let slot = slotByKey[key] else { return nil }
        moveToFront(slot)
        return slots[slot].page
    }

    mutating func set(_ key: String, _ page: CachedPage, cost: Int) {
        if let slot = slotByKey[key] {
            bytes += cost - slots[slot].cost
            slots[slot].page = page
            slots[slot].cost = cost
            moveToFront(slot)
        } else {
            let fresh = Slot(key: key, page: page, cost: cost, newer: -1, older: -1)
            let slot: Int
            if let reused = unused.popLast() {
                slots[reused] = fresh
                slot = reused
            } else {
                slots.append(fresh)
                slot = slots.count - 1
            }
            slotByKey[key] = slot
            linkAtFront(slot)
            bytes += cost
        }
        while bytes > limit, oldest != -1 {
            evict(oldest)
        }
    }

    private mutating func evict(_ slot: Int) {
        unlink(slot)
        slotByKey[slots[slot].key] = nil
        bytes -= slots[slot].cost
        slots[slot] = Slot(key: "", page: nil, cost: 0, newer: -1, older: -1)
        unused.append(slot)
    }

    private mutating func moveToFront(_ slot: Int) {
        guard slot != newest else { return }
        unlink(slot)
        linkAtFront(slot)
    }

    private mutating func linkAtFront(_ slot: Int) {
        slots[slot].newer = -1
        slots[slot].older = newest
        if newest != -1 { slots[newest].newer = slot }
        newest = slot
        if oldest == -1 { oldest = slot }
    }

    private mutating func unlink(_ slot: Int) {
        let (newer, older) = (slots[slot].newer, slots[slot].older)
        if newer != -1 { slots[newer].older = older } else { newest = older }
        if older != -1 { slots[older].newer = newer } else { oldest = newer }
        slots[slot].newer = -1
        slots[slot].older = -1
    }
}
