import Foundation
import Synchronization

/// Work spread over the machine's cores, on threads with deep stacks.
///
/// Chapters are parsed, evaluated and rendered in parallel. The document tree is walked
/// recursively, and a hostile chapter nests ten thousand block quotes; the default stacks of
/// dispatch's worker threads (512 KiB) would overflow long before that. These threads get
/// `stackSize` bytes of address space — only what is touched is ever committed.
public enum Parallel {
    /// The stack reserved for each worker: 1 GiB of address space.
    public static let stackSize = 1 << 30

    /// Runs `body` on a thread with a deep stack and waits for its result.
    public static func onDeepStack<Value: Sendable>(_ body: @escaping @Sendable () -> Value) -> Value {
        alongside(body, {}).other
    }

    /// Runs `other` on a thread of its own, with a deep stack, while `body` runs on this one;
    /// returns both results once both are done.
    public static func alongside<Other: Sendable, Value>(
        _ other: @escaping @Sendable () -> Other, _ body: () -> Value
    ) -> (other: Other, value: Value) {
        let result = Mutex<Other?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            let value = other()
            result.withLock { $0 = value }
            done.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        let value = body()
        done.wait()
        return (result.withLock { $0! }, value)
    }

    /// `transform` applied to every element, results in order.
    public static func map<Element: Sendable, Value: Sendable>(
        _ elements: [Element], _ transform: @escaping @Sendable (Element) -> Value
    ) -> [Value] {
        let state = MapState<Value>(count: elements.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, elements.count))
        let done = DispatchGroup()
        for _ in 0..<workers {
            done.enter()
            let thread = Thread {
                while let index = state.claim() {
                    state.store(transform(elements[index]), at: index)
                }
                done.leave()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        done.wait()
        return state.results()
    }
}

/// The next element to take and the results so far, shared by the workers.
private final class MapState<Value: Sendable>: Sendable {
    private let next = Mutex(0)
    private let slots: Mutex<[Value?]>
    private let count: Int

    init(count: Int) {
        self.count = count
        self.slots = Mutex(Array(repeating: nil, count: count))
    }

    func claim() -> Int? {
        next.withLock { index in
            guard index < count else { return nil }
            defer { index += 1 }
            return index
        }
    }

    func store(_ value: Value, at index: Int) { slots.withLock { $0[index] = value } }

    func results() -> [Value] { slots.withLock { $0.map { $0! } } }
}
