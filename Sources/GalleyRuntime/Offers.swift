import GalleyRecords

// What Galley's generated program calls, after the bindings, for every top-level constant or
// variable of the blocks. Numbers, arrays of numbers, rows of any length, and the numbers inside
// structs, tuples, classes, optionals and nested arrays are reported at paths Swift can name
// (`OfferedValue.Part`); a value without numbers is passed over; one whose numbers have no such
// name (a dictionary's, a set's) is reported with the reason, for a note at its declaration.

public func _galleyOffer(_ index: Int, _ value: some BinaryFloatingPoint) {
    var collector = OfferCollector()
    collector.add(Double(value), path: "")
    collector.send(index)
}

public func _galleyOffer<S: Sequence>(_ index: Int, _ value: S) where S.Element: BinaryFloatingPoint {
    var collector = OfferCollector()
    if value is [S.Element] || value is ContiguousArray<S.Element> {
        collector.addVector(value.lazy.map { Double($0) }, path: "")
    } else {
        collector.notOffered = OfferCollector.unindexed(S.self)
    }
    collector.send(index)
}

public func _galleyOffer<S: Sequence>(_ index: Int, _ value: S)
where S.Element: Sequence, S.Element.Element: BinaryFloatingPoint {
    var collector = OfferCollector()
    if value is [S.Element], S.Element.self == [S.Element.Element].self {
        for (row, elements) in value.enumerated() {
            collector.addVector(elements.lazy.map { Double($0) }, path: "[\(row)]")
        }
    } else {
        collector.notOffered = OfferCollector.unindexed(S.self)
    }
    collector.send(index)
}

public func _galleyOffer<T>(_ index: Int, _ value: T) {
    var collector = OfferCollector()
    collector.walk(value, path: "", depth: 0)
    collector.send(index)
}

/// Gathers the numbers of one value, part by part, up to `OfferedValue.limit`.
struct OfferCollector {
    var parts: [OfferedValue.Part] = []
    /// The numbers found; `kept` of them are in `parts`.
    var count = 0
    var kept = 0
    var notOffered: String?

    /// How deep into nested values the walk goes.
    static let depthLimit = 5

    static func unindexed(_ type: Any.Type) -> String {
        "a \(type) is not indexed by position, so its numbers cannot be named; make it an Array to offer them"
    }

    mutating func add(_ number: Double, path: String) {
        count += 1
        guard kept < OfferedValue.limit else { return }
        kept += 1
        parts.append(OfferedValue.Part(path: path, numbers: [number], isVector: false))
    }

    mutating func addVector(_ numbers: some Sequence<Double>, path: String) {
        var kept: [Double] = []
        for number in numbers {
            count += 1
            if self.kept < OfferedValue.limit {
                kept.append(number)
                self.kept += 1
            }
        }
        if !kept.isEmpty { parts.append(OfferedValue.Part(path: path, numbers: kept, isVector: true)) }
    }

    /// The numbers inside a value, found by reflection, each at the path that names it.
    mutating func walk(_ value: Any, path: String, depth: Int) {
        guard kept < OfferedValue.limit, depth <= Self.depthLimit else { return }
        let mirror = Mirror(reflecting: value)
        // Before the casts, which would see through an optional: `best` must be named `best!`.
        if mirror.displayStyle == .optional {
            if let wrapped = mirror.children.first { walk(wrapped.value, path: path + "!", depth: depth + 1) }
            return
        }
        if let number = value as? any BinaryFloatingPoint {
            add(Self.double(number), path: path)
            return
        }
        if let vector = value as? [Double] {
            addVector(vector, path: path)
            return
        }
        switch mirror.displayStyle {
        case .collection?:
            walkElements(of: mirror, path: path, depth: depth)
        case .tuple?, .struct?, .class?:
            // A chart or table made to show values holds copies of them, not values of its own.
            let type = String(reflecting: mirror.subjectType)
            if type.hasPrefix("GalleyRuntime.") || type.hasPrefix("GalleyRecords.") { return }
            for child in mirror.children {
                // Unlabelled tuple elements are `.0`, `.1`; a property wrapper's storage is `_name`.
                guard let label = child.label, !label.hasPrefix("_") else { continue }
                walk(child.value, path: path + (label.hasPrefix(".") ? label : "." + label), depth: depth + 1)
            }
        case .dictionary?, .set?:
            if notOffered == nil, let first = mirror.children.first, Self.holdsNumbers(first.value, depth: depth) {
                let kind = mirror.displayStyle == .dictionary ? "a dictionary" : "a set"
                notOffered = "\(kind) keeps no order its numbers could be named by; bind one by its key"
            }
        default:
            return
        }
    }

    /// An array's elements: a vector when they are numbers, each walked at `[i]` otherwise. Only
    /// arrays are indexed from 0 by position; a collection whose first element holds no number is
    /// passed over whole.
    private mutating func walkElements(of mirror: Mirror, path: String, depth: Int) {
        let type = "\(mirror.subjectType)"
        guard type.hasPrefix("Array<") || type.hasPrefix("ContiguousArray<") else {
            if let first = mirror.children.first, Self.holdsNumbers(first.value, depth: depth) {
                notOffered = Self.unindexed(mirror.subjectType)
            }
            return
        }
        if let first = mirror.children.first, first.value is any BinaryFloatingPoint {
            addVector(mirror.children.lazy.map { Self.number(in: $0.value) }, path: path)
            return
        }
        for (index, child) in mirror.children.enumerated() {
            let before = count
            walk(child.value, path: path + "[\(index)]", depth: depth + 1)
            if index == 0 && count == before { return }
            if kept >= OfferedValue.limit { return }
        }
    }

    private static func holdsNumbers(_ value: Any, depth: Int) -> Bool {
        var probe = OfferCollector()
        probe.walk(value, path: "", depth: depth + 1)
        return probe.count > 0
    }

    private static func double(_ number: some BinaryFloatingPoint) -> Double { Double(number) }

    private static func number(in value: Any) -> Double {
        guard let number = value as? any BinaryFloatingPoint else { return .nan }
        return double(number)
    }

    func send(_ index: Int) {
        guard count > 0 || notOffered != nil else { return }
        RecordChannel.send(.offered(OfferedValue(index: index, parts: parts, count: count, notOffered: notOffered)))
    }
}
