import Foundation

/// Computes a closed-arithmetic side — numbers and functions of numbers — in-process, from the tree
/// the formula reader built, with the functions compiled Swift calls: Foundation's `exp`, `log`,
/// `pow`, `sqrt` and their kin, and IEEE arithmetic, so the value is the one the chapter's program
/// would compute. A book whose formulas hold only such arithmetic compiles nothing.
enum ArithmeticEvaluator {
    /// The side's value; nil for anything but closed arithmetic, which is then left to the
    /// compiler as before.
    static func value(_ node: FormulaNode) -> Double? {
        switch node {
        case .number(let digits):
            return Double(digits.hasPrefix(".") ? "0" + digits : digits)
        case .negate(let value):
            return self.value(value).map { -$0 }
        case .binary(let operation, let left, let right):
            guard let left = value(left), let right = value(right) else { return nil }
            switch operation {
            case "+": return left + right
            case "-": return left - right
            case "*": return left * right
            case "/": return left / right
            default: return nil
            }
        case .power(let base, let exponent):
            guard let base = value(base), let exponent = value(exponent) else { return nil }
            return Foundation.pow(base, exponent)
        case .function(let name, let arguments):
            var values: [Double] = []
            for argument in arguments {
                guard let value = value(argument) else { return nil }
                values.append(value)
            }
            return apply(name, values)
        case .symbol, .apply, .functionDerivative, .reduction, .kronecker, .cases, .derivative:
            return nil
        }
    }

    /// A function TeX knows, as `FormulaTranslator` writes it in Swift.
    private static func apply(_ name: String, _ values: [Double]) -> Double? {
        switch name {
        case "max", "min":
            guard values.count >= 2 else { return nil }
            return name == "max"
                ? values.dropFirst().reduce(values[0]) { Swift.max($0, $1) }
                : values.dropFirst().reduce(values[0]) { Swift.min($0, $1) }
        default:
            guard values.count == 1 else { return nil }
            let x = values[0]
            switch name {
            case "exp": return Foundation.exp(x)
            case "ln", "log": return Foundation.log(x)
            case "sqrt": return Foundation.sqrt(x)
            case "tanh": return Foundation.tanh(x)
            case "sinh": return Foundation.sinh(x)
            case "cosh": return Foundation.cosh(x)
            case "sin": return Foundation.sin(x)
            case "cos": return Foundation.cos(x)
            case "abs": return Swift.abs(x)
            default: return nil
            }
        }
    }
}
