/// Tests for `Interval`: construction (point vs range, bounds in either order), the interval
/// arithmetic every estimate is built from (`+ - * /`, negation, scalars) with positive,
/// negative and mixed-sign intervals, and the helpers (`midpoint`, `contains`, `isFinite`,
/// `mapMonotonic`, `description`, literals).
import Testing
import CO2eKit

@Suite struct IntervalTests {
    // MARK: Construction

    @Test func pointHasEqualBounds() {
        let p = Interval(5)
        #expect(p.lower == 5)
        #expect(p.upper == 5)
        #expect(p.isPoint)
    }

    @Test func rangeOrdersItsBounds() {
        let a = Interval(60, 50)
        #expect(a.lower == 50)
        #expect(a.upper == 60)
        #expect(!a.isPoint)
        #expect(a == Interval(50, 60))
    }

    @Test func equalBoundsMakeAPoint() {
        #expect(Interval(3, 3).isPoint)
        #expect(Interval(3, 3) == Interval(3))
    }

    @Test func literals() {
        let i: Interval = 7
        let f: Interval = 2.5
        #expect(i == Interval(7))
        #expect(f == Interval(2.5))
    }

    @Test func descriptionShowsPointOrRange() {
        #expect(Interval(1.5).description == "1.5")
        #expect(Interval(1, 2).description == "1.0..2.0")
    }

    // MARK: Helpers

    @Test func midpoint() {
        #expect(Interval(50, 60).midpoint == 55)
        #expect(Interval(-4, 2).midpoint == -1)
        #expect(Interval(7).midpoint == 7)
        // Halving each bound first keeps the midpoint finite near the top of the range.
        #expect(Interval(Double.greatestFiniteMagnitude).midpoint == .greatestFiniteMagnitude)
    }

    @Test func containsIsClosed() {
        let a = Interval(50, 60)
        #expect(a.contains(50))
        #expect(a.contains(55))
        #expect(a.contains(60))
        #expect(!a.contains(49.999))
        #expect(!a.contains(60.001))
        #expect(Interval(3).contains(3))
        #expect(!Interval(3).contains(3.0000001))
    }

    @Test func isFinite() {
        #expect(Interval(1, 2).isFinite)
        #expect(!Interval(1, .infinity).isFinite)
        #expect(!Interval(-.infinity, 1).isFinite)
        #expect(!Interval(.nan).isFinite)
    }

    @Test func mapMonotonicAppliesToBothBounds() {
        let a = Interval(2, 3).mapMonotonic { $0 * $0 }
        #expect(a == Interval(4, 9))
        #expect(Interval(10).mapMonotonic { $0 + 1 } == Interval(11))
    }

    // MARK: Addition and subtraction

    @Test(arguments: [
        (Interval(1, 2), Interval(10, 20), Interval(11, 22)),
        (Interval(-3, -1), Interval(2, 5), Interval(-1, 4)),
        (Interval(-2, 3), Interval(-1, 1), Interval(-3, 4)),
        (Interval(5), Interval(7), Interval(12)),
        (Interval(5), Interval(1, 2), Interval(6, 7)),
    ])
    func addition(a: Interval, b: Interval, sum: Interval) {
        #expect(a + b == sum)
        #expect(b + a == sum)
    }

    @Test(arguments: [
        // [lo_a - hi_b, hi_a - lo_b]
        (Interval(10, 20), Interval(1, 2), Interval(8, 19)),
        (Interval(1, 2), Interval(10, 20), Interval(-19, -8)),
        (Interval(-3, -1), Interval(-5, -4), Interval(1, 4)),
        (Interval(-2, 3), Interval(-1, 1), Interval(-3, 4)),
        (Interval(5), Interval(3), Interval(2)),
    ])
    func subtraction(a: Interval, b: Interval, difference: Interval) {
        #expect(a - b == difference)
    }

    @Test func subtractingARangeFromItselfIsNotZero() {
        // Interval arithmetic does not know both operands are the same quantity.
        let a = Interval(50, 60)
        #expect(a - a == Interval(-10, 10))
        #expect(Interval(4) - Interval(4) == Interval(0))
    }

    @Test func negation() {
        #expect(-Interval(1, 2) == Interval(-2, -1))
        #expect(-Interval(-3, 5) == Interval(-5, 3))
        #expect(-Interval(4) == Interval(-4))
        #expect((-(-Interval(1, 2))) == Interval(1, 2))
    }

    // MARK: Multiplication

    @Test(arguments: [
        (Interval(2, 3), Interval(4, 5), Interval(8, 15)),
        // negative x positive
        (Interval(-3, -2), Interval(4, 5), Interval(-15, -8)),
        // negative x negative
        (Interval(-3, -2), Interval(-5, -4), Interval(8, 15)),
        // mixed sign x positive
        (Interval(-2, 3), Interval(4, 5), Interval(-10, 15)),
        // mixed sign x negative
        (Interval(-2, 3), Interval(-5, -4), Interval(-15, 10)),
        // mixed x mixed: the extremes come from different corners
        (Interval(-2, 3), Interval(-5, 4), Interval(-15, 12)),
        (Interval(-1, 1), Interval(-1, 1), Interval(-1, 1)),
        // zero
        (Interval(0), Interval(4, 5), Interval(0)),
        (Interval(0, 1), Interval(-5, 4), Interval(-5, 4)),
        // points
        (Interval(6), Interval(7), Interval(42)),
        (Interval(-6), Interval(7), Interval(-42)),
        (Interval(2), Interval(4, 5), Interval(8, 10)),
        (Interval(-2), Interval(4, 5), Interval(-10, -8)),
    ])
    func multiplication(a: Interval, b: Interval, product: Interval) {
        #expect(a * b == product)
        #expect(b * a == product)
    }

    @Test func scalarMultiplication() {
        #expect(Interval(50, 60) * 1e6 == Interval(5e7, 6e7))
        #expect(1e6 * Interval(50, 60) == Interval(5e7, 6e7))
        #expect(Interval(1, 2) * -3 == Interval(-6, -3))
        #expect(-3 * Interval(1, 2) == Interval(-6, -3))
    }

    @Test func pointProductIsTheExactProduct() {
        // The point fast path must give exactly lower * lower, no min/max detour.
        let a = Interval(0.1), b = Interval(0.2)
        #expect((a * b).lower == 0.1 * 0.2)
        #expect((a * b).isPoint)
    }

    @Test func productContainsEveryMemberProduct() {
        // The defining property of interval multiplication, checked on a grid of members.
        let pairs: [(Interval, Interval)] = [
            (Interval(-2, 3), Interval(-5, 4)),
            (Interval(-7, -1), Interval(0.5, 2)),
            (Interval(1, 9), Interval(-3, -2)),
        ]
        for (a, b) in pairs {
            let p = a * b
            for s in stride(from: 0.0, through: 1.0, by: 0.25) {
                for t in stride(from: 0.0, through: 1.0, by: 0.25) {
                    let x = a.lower + s * (a.upper - a.lower)
                    let y = b.lower + t * (b.upper - b.lower)
                    #expect(p.contains(x * y), "\(x) * \(y) outside \(p)")
                }
            }
        }
    }

    // MARK: Division

    @Test(arguments: [
        (Interval(8, 15), Interval(4, 5), Interval(1.6, 3.75)),
        (Interval(10, 20), Interval(2), Interval(5, 10)),
        (Interval(10), Interval(2, 5), Interval(2, 5)),
        // negative divisor
        (Interval(10, 20), Interval(-5, -2), Interval(-10, -2)),
        // negative dividend
        (Interval(-20, -10), Interval(2, 5), Interval(-10, -2)),
        // negative over negative
        (Interval(-20, -10), Interval(-5, -2), Interval(2, 10)),
        // mixed-sign dividend
        (Interval(-10, 20), Interval(2, 5), Interval(-5, 10)),
        (Interval(-10, 20), Interval(-5, -2), Interval(-10, 5)),
        // points
        (Interval(1), Interval(4), Interval(0.25)),
        (Interval(-9), Interval(3), Interval(-3)),
    ])
    func division(a: Interval, b: Interval, quotient: Interval) {
        #expect(a / b == quotient)
    }

    @Test func pointQuotientIsTheExactQuotient() {
        let q = Interval(1) / Interval(3)
        #expect(q.isPoint)
        #expect(q.lower == 1.0 / 3.0)
        #expect((Interval(5.0) / 1e3).lower == 5.0 / 1e3)
    }

    @Test func scalarDivision() {
        #expect(Interval(5e7, 6e7) / 1e3 == Interval(5e4, 6e4))
        #expect(Interval(2, 4) / -2 == Interval(-2, -1))
    }

    @Test func divisionUndoesMultiplicationForPoints() {
        let x = Interval(552.1)
        #expect((x * 1e3) / 1e3 == x)
    }

    @Test func rangeDividedByItself() {
        // [50, 60] / [50, 60] = [50/60, 60/50]
        let r = Interval(50, 60) / Interval(50, 60)
        #expect(r.lower == 50.0 * (1.0 / 60.0))
        #expect(r.upper == 60.0 * (1.0 / 50.0))
        #expect(r.contains(1))
    }
}
