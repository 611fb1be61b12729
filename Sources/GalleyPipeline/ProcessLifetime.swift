/// Keeps values alive until the process exits: a command that exits right after a run has no use
/// for freeing millions of nodes one by one (as compilers skip freeing at exit).
enum ProcessLifetime {
    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }

    private final class Box<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
