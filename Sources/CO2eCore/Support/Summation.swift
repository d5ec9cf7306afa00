/// Neumaier's compensated summation: the sum of many terms without the rounding drift of a
/// plain loop.
package enum Summation {
    /// The compensated sum of `values`.
    package static func sum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
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
