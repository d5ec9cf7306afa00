/// Tests for `Interval`: construction (point vs range, bounds in either order, NaN), and the
/// helpers (`midpoint`, `contains`, `isFinite`, `scaled`, `union`, `description`). `Interval`
/// has no arithmetic: formulas are evaluated at single values (`Formula`), so the interval
/// arithmetic tests went with it; `formulaEvaluatesRangesAtCorners` pins why.
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

    @Test(arguments: [(Double.nan, 1.0), (1, .nan), (.nan, .nan)])
    func nanBoundMakesBothNaN(a: Double, b: Double) {
        let i = Interval(a, b)
        #expect(i.lower.isNaN && i.upper.isNaN)
        #expect(!i.isFinite)
        #expect(!i.contains(1))
        // NaN equals nothing, not even itself.
        #expect(i != i)
        #expect(i != Interval(1))
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

    @Test func scaledChangesTheUnit() {
        // kg -> t, as the README snippet does.
        #expect(Interval(19_177_450, 23_012_940).scaled(by: 1e-3) == Interval(19_177.45, 23_012.94))
        #expect(Interval(4).scaled(by: 2) == Interval(8))
    }

    @Test func unionHoldsBoth() {
        #expect(Interval(1, 2).union(Interval(5, 6)) == Interval(1, 6))
        #expect(Interval(1, 6).union(Interval(2, 3)) == Interval(1, 6))
        #expect(Interval(3).union(Interval(3)) == Interval(3))
    }

    // MARK: Uncertain inputs

    @Test func uncertainOrdersItsBoundsAndCollapsesEqualOnes() {
        let a = Uncertain(Energy.gigawattHours(60), Energy.gigawattHours(50))
        #expect(a == .bounds(.gigawattHours(50), .gigawattHours(60)))
        #expect(a.interval == Interval(50e6, 60e6))
        #expect(a.lower == .gigawattHours(50) && a.upper == .gigawattHours(60))
        #expect(!a.isExact)
        #expect(Uncertain(Energy.gigawattHours(5), Energy.gigawattHours(5)) == .exact(.gigawattHours(5)))
        #expect(Uncertain<EnergyDimension>(baseInterval: Interval(7)).isExact)
        #expect(Energy.kilowattHours(7).given == .exact(.kilowattHours(7)))
    }

    // MARK: Why there is no interval arithmetic

    @Test func formulaEvaluatesRangesAtCorners() throws {
        // Interval arithmetic gave [50, 60] - [50, 60] = [-10, 10]; one input used twice is one
        // input to a formula, so x - x is exactly 0 and x / x exactly 1.
        var f = Formula()
        let x = f.input("x", Uncertain(Energy.kilowattHours(50), Energy.kilowattHours(60)))
        let difference = f.value("difference", EnergyDimension.self)
        let ratio = f.value("ratio", RatioDimension.self)
        let product = f.value("product", MassDimension.self)
        f.compute { v in
            v[difference] = v[x] - v[x]
            v[ratio] = .number(v[x] / v[x])
            v[product] = v[x] * Intensity.kilogramsPerKilowattHour(2)
        }
        let e = try f.evaluate()
        #expect(e[difference] == .exact(0))
        #expect(e[ratio] == .exact(1))
        #expect(e.interval(product) == Interval(100, 120))
        #expect(e.evaluations == 2)
    }
}
