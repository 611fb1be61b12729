/// Work done one job at a time where only the newest matters: of the jobs that come while one
/// runs, only the last waits (the others are out of date already). Kept inside its owner's lock.
public struct LatestWaiting<Job> {
    public private(set) var running = false
    public private(set) var waiting: Job?

    public init() {}

    /// Offers `job`: true when it is to start now (nothing runs); otherwise it waits, and the job
    /// it displaced, if any, is returned for its owner to discard.
    public mutating func offer(_ job: Job) -> (start: Bool, displaced: Job?) {
        if running {
            defer { waiting = job }
            return (false, waiting)
        }
        running = true
        return (true, nil)
    }

    /// After a job: the next to run (the one waiting), or nil when there is none.
    public mutating func next() -> Job? {
        let job = waiting
        waiting = nil
        running = job != nil
        return job
    }

    /// Whether a job runs or waits.
    public var busy: Bool { running || waiting != nil }
}
