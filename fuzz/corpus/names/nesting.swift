func f() {
  let inner = 1
}
let s = "\(f()) let no = 1"
let m = """
let no = 2
"""
/* let c = 1 /* x */ */
let raw = #"a"b"#
