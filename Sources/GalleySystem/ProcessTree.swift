import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The processes a program started, found through `/proc`, so that a stopped chapter takes
/// them all with it — also those that moved to a process group or session of their own (as
/// Foundation's `Process` children do), which `killpg` alone would miss.
public enum ProcessTree {
    /// Kills `root`, its process group, and every process descended from it, until none is left.
    static func killAll(from root: pid_t) {
        for _ in 0..<5 {
            let family = descendants(of: root)
            killpg(root, SIGKILL)
            for pid in family {
                kill(pid, SIGKILL)
            }
            if family.isEmpty { return }
        }
    }

    /// Kills every process descended from this one (a preview stopping mid-render: its
    /// compilers and chapter programs), until none is left; this process goes on.
    public static func killDescendants() {
        for _ in 0..<5 {
            let family = descendants(of: getpid())
            if family.isEmpty { return }
            for pid in family { kill(pid, SIGKILL) }
        }
    }

    /// Every process whose chain of parents leads to `root` (root itself excluded).
    static func descendants(of root: pid_t) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        var children: [pid_t: [pid_t]] = [:]
        for entry in entries {
            guard let pid = pid_t(entry), let parent = parentOf(pid) else { continue }
            children[parent, default: []].append(pid)
        }
        var result: [pid_t] = []
        var queue = children[root] ?? []
        while let pid = queue.popLast() {
            result.append(pid)
            queue += children[pid] ?? []
        }
        return result
    }

    /// The parent of a process, from `/proc/PID/stat` (the field after the command name, which is
    /// in parentheses and may itself hold spaces and parentheses).
    private static func parentOf(_ pid: pid_t) -> pid_t? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is the state, fields[1] the parent.
        return fields.count > 1 ? pid_t(fields[1]) : nil
    }
}
