/// Reports a checked formula's values. Galley's generated program calls this.
public func _galleyBind(_ id: Int, _ value: FormulaValues) {
    RecordChannel.send(.bound(BoundValue(id: id, numbers: nil, text: "", type: "FormulaValues", formula: value)))
}
