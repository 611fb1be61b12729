public import Foundation

#if canImport(Glibc)
    public import Glibc
#endif

/// Runs a program in a process group of its own, streams what it writes, and stops it — with
/// everything it started — when its time is up.
///
/// Foundation's `Process` cannot put a child in its own process group, and without one a chapter
/// that starts a child of its own (`sh -c "sleep 1000 &"`) would outlive its time limit. So this
/// uses `posix_spawn` with `POSIX_SPAWN_SETPGROUP` and ends the whole group with `killpg`: when
/// the time limit passes, and also as soon as the program itself has exited, so nothing it left
/// behind keeps running or keeps its output pipes open.
public struct ChildProcess: Sendable {
    /// Why a program could not be started at all.
    public struct LaunchError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// How a run ended.
    public struct Termination: Equatable, Sendable {
        /// The exit status, when the program exited.
        public var exitStatus: Int32?
        /// The signal that ended it, when one did (SIGILL or SIGTRAP for a Swift trap).
        public var signal: Int32?
        /// True when it was stopped for running past its time limit.
        public var timedOut: Bool

        public var succeeded: Bool { exitStatus == 0 && !timedOut }
    }

    public var executable: String
    public var arguments: [String]
    public var environment: [String: String]
    public var timeout: Duration

    public init(
        executable: String, arguments: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Duration = .seconds(30)
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.timeout = timeout
    }

    /// Asks a spawn to close every descriptor from `first` on in the child: glibc's
    /// `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc module does
    /// not export, so it is looked up by name; where it is missing, only what the caller closes
    /// by name is closed.
    public static func closeDescriptors(from first: Int32, in actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np")
        else { return }
        _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, first)
    }

    /// Starts the program in a process group of its own with default signal handling: the
    /// child's descriptor `n` is `descriptors[n]` (nil: `/dev/null`), and nothing else this
    /// process holds open goes with it — not the preview's sockets (a chapter's program must not
    /// hold a page's connection open, or the listening socket after the server let it go), not
    /// another run's pipes. The caller closes its own copies.
    public func spawn(descriptors: [Int32?]) throws(LaunchError) -> pid_t {
        // Copied above every number the child uses first, so that no copy overwrites a
        // descriptor still to be copied.
        let sources = descriptors.map { descriptor in descriptor.map { fcntl($0, F_DUPFD_CLOEXEC, 64) } }
        defer { for case let source? in sources { close(source) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (number, source) in sources.enumerated() {
            if let source {
                posix_spawn_file_actions_adddup2(&actions, source, Int32(number))
            } else {
                posix_spawn_file_actions_addopen(&actions, Int32(number), "/dev/null", O_RDWR, 0)
            }
        }
        Self.closeDescriptors(from: Int32(descriptors.count), in: &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new process group, led by the child, and default signal handling (the parent's
        // ignored SIGPIPE must not leak into chapter programs).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var noneBlocked = sigset_t()
        sigemptyset(&noneBlocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &noneBlocked)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw LaunchError(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        return pid
    }

    /// Runs the program to its end, handing what it writes to the two callbacks as it arrives.
    public func run(
        standardOutput: (ArraySlice<UInt8>) -> Void,
        standardError: (ArraySlice<UInt8>) -> Void
    ) throws(LaunchError) -> Termination {
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
            throw LaunchError(description: "cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        defer {
            close(outPipe[0])
            close(errPipe[0])
        }

        let pid: pid_t
        do {
            defer {
                close(outPipe[1])
                close(errPipe[1])
            }
            pid = try spawn(descriptors: [nil, outPipe[1], errPipe[1]])
        }

        let deadline = ContinuousClock.now + timeout
        var open: [(descriptor: Int32, isOutput: Bool)] = [(outPipe[0], true), (errPipe[0], false)]
        var buffer = [UInt8](repeating: 0, count: 65536)
        var timedOut = false
        var status: Int32 = 0
        var reaped = false
        while !open.isEmpty {
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero {
                timedOut = true
                // While the program is still alive its whole family can be found and stopped.
                ProcessTree.killAll(from: pid)
                break
            }
            if !reaped, waitpid(pid, &status, WNOHANG) == pid {
                reaped = true
                // The program is done; whatever it started goes with it, so that the pipes close.
                killpg(pid, SIGKILL)
            }
            var descriptors = open.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            let milliseconds =
                reaped
                ? 1000
                : min(
                    100,
                    max(
                        1,
                        Int32(
                            remaining.components.seconds * 1000 + remaining.components.attoseconds
                                / 1_000_000_000_000_000)))
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            var closed: [Int32] = []
            for (index, entry) in descriptors.enumerated() where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if open[index].isOutput {
                        standardOutput(buffer[0..<count])
                    } else {
                        standardError(buffer[0..<count])
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    closed.append(entry.fd)
                }
            }
            open.removeAll { closed.contains($0.descriptor) }
        }
        killpg(pid, SIGKILL)
        if !reaped {
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        let exited = (status & 0x7f) == 0
        return Termination(
            exitStatus: exited ? (status >> 8) & 0xff : nil,
            signal: exited ? nil : status & 0x7f,
            timedOut: timedOut)
    }

    /// Runs the program and collects all it writes, for short-lived tools such as the compiler.
    public func collect() throws(LaunchError) -> (termination: Termination, output: String, errors: String) {
        var output: [UInt8] = []
        var errors: [UInt8] = []
        let termination = try run(standardOutput: { output += $0 }, standardError: { errors += $0 })
        return (termination, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }
}

extension ChildProcess {
    /// The same program run at a lower priority (`nice -n 15`), for work in the background of a
    /// process whose foreground must keep the processor; as it is where there is no `nice`.
    public func atLowPriority() -> ChildProcess {
        let nice = "/usr/bin/nice"
        guard FileManager.default.isExecutableFile(atPath: nice) else { return self }
        var niced = self
        niced.executable = nice
        niced.arguments = ["-n", "15", executable] + arguments
        return niced
    }
}
