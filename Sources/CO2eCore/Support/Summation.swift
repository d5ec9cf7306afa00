/// Neumaier's compensated summation: the sum of many terms without the rounding drift of a
/// plain loop.
package enum Summation {
    /// The compensated sum of `values`.
    package static func sum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
        sum(Array(values))
    }

    /// The compensated sum of `values` (concrete, so the loop runs without generic dispatch,
    /// which costs a caller in another module about a hundred times more per term).
    package static func sum(_ values: [Double]) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for v in values {
            let t = sum + v
            if abs(sum) >= abs(v) {
                compensation += (sum - t) + v
            } else {
                compensation += (v - t) + sum
            }
            sum = t
        }
        return sum + compensation
    }
}
