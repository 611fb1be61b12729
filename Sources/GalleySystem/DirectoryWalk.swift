public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The files under a folder, found with `readdir` and the type it reports, without a `stat` per
/// file: what the output writer looks through on every render of the preview (a 100-chapter site
/// holds several hundred files; `FileManager`'s enumerator with resource values took 37 ms).
public enum DirectoryWalk {
    /// The regular files and symbolic links under `folder`, as paths relative to it, in no order;
    /// folders are entered (a symbolic link to a folder is listed, not entered).
    public static func files(under folder: URL) -> [String] {
        var found: [String] = []
        walk(folder.path, relative: "", into: &found, depth: 0)
        return found
    }

    private static func walk(_ path: String, relative: String, into found: inout [String], depth: Int) {
        guard depth < 64, let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let full = path + "/" + name
            let inside = relative.isEmpty ? name : relative + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: type = Int32(DT_DIR)
                case S_IFREG: type = Int32(DT_REG)
                case S_IFLNK: type = Int32(DT_LNK)
                default: continue
                }
            }
            switch type {
            case Int32(DT_DIR): walk(full, relative: inside, into: &found, depth: depth + 1)
            case Int32(DT_REG), Int32(DT_LNK): found.append(inside)
            default: continue
            }
        }
    }
}
