/// Turns an `Encodable` view model into what templates read: structs become objects of their
/// stored properties, arrays lists, numbers their written form. String dictionaries (the text
/// catalog `t`, form `errors`, `links`) are kept as they are, not copied.
enum TemplateEncoder {
    static func encode<Value: Encodable>(_ value: Value, misses: TemplateMisses? = nil) throws -> TemplateValue {
        if let direct = directValue(value) { return direct }
        let encoder = NodeEncoder(misses: misses, isRoot: true)
        try value.encode(to: encoder)
        return encoder.node()
    }

    /// Values stored as they are, without a trip through the encoder.
    static func directValue<Value: Encodable>(_ value: Value) -> TemplateValue? {
        switch value {
        case let string as String: .text(string)
        case let bool as Bool: .flag(bool)
        case let int as Int: .number(String(int))
        case let int as Int64: .number(String(int))
        case let number as Double: .number(String(describing: number))
        case let dictionary as [String: String]: .strings(dictionary)
        default: nil
        }
    }
}

/// The encoder for one value of the view model's tree.
private final class NodeEncoder: Encoder {
    enum Storage {
        case empty
        case object(ObjectStorage)
        case array(ArrayStorage)
        case single(TemplateValue)
    }

    let misses: TemplateMisses?
    let isRoot: Bool
    var storage = Storage.empty
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(misses: TemplateMisses?, isRoot: Bool) {
        self.misses = misses
        self.isRoot = isRoot
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: ObjectStorage
        if case .object(let existing) = storage { object = existing } else {
            object = ObjectStorage()
            storage = .object(object)
        }
        return KeyedEncodingContainer(ObjectContainer<Key>(object: object, encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let array: ArrayStorage
        if case .array(let existing) = storage { array = existing } else {
            array = ArrayStorage()
            storage = .array(array)
        }
        return ArrayContainer(array: array, encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(encoder: self) }

    /// What this encoder produced, as a template reads it.
    func node() -> TemplateValue {
        switch storage {
        case .empty: return .object([:])
        case .object(let object):
            misses?.declare(object.fields.keys)
            return .object(object.fields)
        case .array(let array): return .list(array.items)
        case .single(let value): return value
        }
    }

    /// A child value: simple values as they are, anything else through its own encoder.
    func encodeChild<Value: Encodable>(_ value: Value) throws -> TemplateValue {
        if let direct = TemplateEncoder.directValue(value) { return direct }
        let child = NodeEncoder(misses: misses, isRoot: false)
        try value.encode(to: child)
        return child.node()
    }
}

private final class ObjectStorage {
    var fields: [String: TemplateValue] = [:]
}

private final class ArrayStorage {
    var items: [TemplateValue] = []
}

private struct ObjectContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: ObjectStorage
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { [] }

    // Every primitive is stored as itself. The protocol's default for one left out hands it to
    // `encode<Value>`, which would give it a child encoder, whose single-value container would
    // hand it back again, without end.
    mutating func encodeNil(forKey key: Key) throws { object.fields[key.stringValue] = .absent }
    mutating func encode(_ value: Bool, forKey key: Key) throws { object.fields[key.stringValue] = .flag(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { object.fields[key.stringValue] = .text(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(describing: value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(describing: value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { object.fields[key.stringValue] = .number(String(value)) }
    mutating func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws {
        object.fields[key.stringValue] = try encoder.encodeChild(value)
    }

    // An absent optional is recorded as declared-but-absent, so strict rendering knows the name.
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try store(value, key) }
    mutating func encodeIfPresent<Value: Encodable>(_ value: Value?, forKey key: Key) throws { try store(value, key) }

    private func store<Value: Encodable>(_ value: Value?, _ key: Key) throws {
        object.fields[key.stringValue] = try value.map(encoder.encodeChild) ?? .absent
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("View models use synthesized Encodable conformances")
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("View models use synthesized Encodable conformances")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("View models are structs") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("View models are structs") }
}

private struct ArrayContainer: UnkeyedEncodingContainer {
    let array: ArrayStorage
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { [] }
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.absent) }
    mutating func encode(_ value: String) throws { array.items.append(.text(value)) }
    mutating func encode(_ value: Bool) throws { array.items.append(.flag(value)) }
    mutating func encode(_ value: Int) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Double) throws { array.items.append(.number(String(describing: value))) }
    mutating func encode(_ value: Float) throws { array.items.append(.number(String(describing: value))) }
    mutating func encode(_ value: Int8) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { array.items.append(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { array.items.append(.number(String(value))) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { array.items.append(try encoder.encodeChild(value)) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("View models use synthesized Encodable conformances")
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        preconditionFailure("View models use synthesized Encodable conformances")
    }

    mutating func superEncoder() -> any Encoder { preconditionFailure("View models are structs") }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let encoder: NodeEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.storage = .single(.absent) }
    mutating func encode(_ value: Bool) throws { encoder.storage = .single(.flag(value)) }
    mutating func encode(_ value: String) throws { encoder.storage = .single(.text(value)) }
    mutating func encode(_ value: Double) throws { encoder.storage = .single(.number(String(describing: value))) }
    mutating func encode(_ value: Int) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: Float) throws { encoder.storage = .single(.number(String(describing: value))) }
    mutating func encode(_ value: Int8) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: Int16) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: Int32) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: Int64) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: UInt) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: UInt8) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: UInt16) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: UInt32) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode(_ value: UInt64) throws { encoder.storage = .single(.number(String(value))) }
    mutating func encode<Value: Encodable>(_ value: Value) throws { encoder.storage = .single(try encoder.encodeChild(value)) }
}
