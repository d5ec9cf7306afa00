/// The data of a picture that no table of an estimate holds, typed: lines of points along x (a
/// day of an hourly run), each point a value with its lowest and highest. An estimate carries
/// its charts for renderers that draw (the HTML page); text, JSON and CSV leave them out, since
/// the tables and results already give the figures.
package struct Chart: Sendable, Hashable {
    /// One point: at `x`, the value `center`, from `low` to `high` (equal for a single value).
    package struct Point: Sendable, Hashable {
        package let x: Double
        package let low: Double
        package let center: Double
        package let high: Double

        package init(x: Double, low: Double, center: Double, high: Double) {
            self.x = x
            self.low = low
            self.center = center
            self.high = high
        }
    }

    /// One line, with its label, and what its band means when its points have a spread.
    package struct Line: Sendable, Hashable {
        package let label: String
        package let points: [Point]

        package init(label: String, points: [Point]) {
            self.label = label
            self.points = points
        }
    }

    /// A tick on the x axis: where, and its label (`2022-02-01`).
    package struct Tick: Sendable, Hashable {
        package let x: Double
        package let label: String

        package init(x: Double, label: String) {
            self.x = x
            self.label = label
        }
    }

    /// Stable snake_case key (`daily_profile`).
    package let key: String
    package let title: String
    /// What x is, with its unit: "Day (UTC)".
    package let xLabel: String
    /// What y is, with its unit: "Grid factor (g CO2e/kWh)".
    package let yLabel: String
    /// What a line's band means ("the day's lowest to highest interval").
    package let bandLabel: String
    package var lines: [Line]
    package var ticks: [Tick]

    package init(key: String, title: String, xLabel: String, yLabel: String, bandLabel: String, lines: [Line], ticks: [Tick] = []) {
        self.key = key
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.bandLabel = bandLabel
        self.lines = lines
        self.ticks = ticks
    }
}
