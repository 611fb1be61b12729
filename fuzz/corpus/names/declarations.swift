let z: [Double] = [3, 1, -3]
var a = softmax(z), b = 2
let (x, y) = (1.0, 2.0)
