/// Why chapters could not be evaluated at all: no compiler, a runtime library that does not build,
/// a system call that failed. A chapter whose own code is wrong is not an error of this kind; that
/// is a diagnostic on the chapter.
public enum EvaluationError: Error, CustomStringConvertible, Sendable {
    case compilerNotFound(String)
    case runtimeLibrary(String)
    case system(String)

    public var description: String {
        switch self {
        case .compilerNotFound(let detail): "cannot find the Swift compiler: \(detail)"
        case .runtimeLibrary(let detail): "cannot build NeuralMath and the Galley runtime for chapter code: \(detail)"
        case .system(let detail): detail
        }
    }
}
