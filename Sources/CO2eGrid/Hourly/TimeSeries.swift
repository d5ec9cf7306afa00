import CO2eCore
import CO2eData

/// kWh in one `unit` of energy, from the unit table.
private func kWhPer(_ unit: String) -> Double { Energy(1, unit)!.kilowattHours }

/// A series of values at regular times, read from CSV: a load profile (timestamp, kWh) or an
/// hourly factor series (timestamp, g CO2e/kWh). Each timestamp marks the start of its interval.
package struct TimeSeries: Sendable {
    /// One row: when, the value (nil where the file leaves it empty), and the line it came from.
    package struct Point: Sendable, Hashable {
        /// The interval's start.
        package let time: Timestamp
        /// The value, or nil for a gap.
        package let value: Double?
        /// The line in the file.
        package let line: Int
        /// The layout's second value (a supply's factor, g CO2e/kWh), when the file has it.
        package var extra: Double? = nil
    }

    /// The file the series came from.
    package let origin: String
    /// The column the values were read from.
    package let valueColumn: String
    /// The points, in time order, one per interval present in the file.
    package let points: [Point]
    /// The interval between points, in seconds.
    package let stepSeconds: Int64
    /// The column the second values were read from (`Layout.extraColumns`), if the file has one.
    package var extraColumn: String? = nil

    /// First and last time.
    package var first: Timestamp { points[0].time }
    /// The last interval's start.
    package var last: Timestamp { points[points.count - 1].time }

    /// `60-minute`, or `90-second` for a step that is not whole minutes.
    package static func describeStep(_ seconds: Int64) -> String {
        seconds % 60 == 0 ? "\(seconds / 60)-minute" : "\(seconds)-second"
    }

    /// Grid times with no row in the file, and rows with an empty value, in time order. (It
    /// lists every missing grid time, so it is as long as the series' span over its step:
    /// matching does not use it.)
    package var gaps: [Timestamp] {
        var result: [Timestamp] = []
        var expected = first.secondsSinceEpoch
        for p in points {
            while expected < p.time.secondsSinceEpoch {
                result.append(Timestamp(secondsSinceEpoch: expected))
                expected += stepSeconds
            }
            if p.value == nil { result.append(p.time) }
            expected = p.time.secondsSinceEpoch + stepSeconds
        }
        return result
    }

    /// What the reader looks for in a file.
    package struct Layout: Sendable {
        /// Accepted names of the time column, first match wins (case-insensitive).
        package var timeColumns: [String]
        /// Accepted names of the value column, first match wins; each with a multiplier to the
        /// value's unit (e.g. `mwh` is 1000 kWh).
        package var valueColumns: [(name: String, multiplier: Double)]
        /// What the values are, for messages: "energy (kWh)".
        package var valueDescription: String
        /// Whether empty values are gaps (factor series) or errors (load profiles).
        package var emptyValuesAreGaps: Bool
        /// What an interval with 0 lacks, for messages: "load", "supply".
        package var noun: String = "load"
        /// Accepted names of an optional second value column, first match wins (its values are
        /// read into `Point.extra`; empty or negative values are errors).
        package var extraColumns: [String] = []
        /// What the second values are, for messages.
        package var extraDescription: String = ""
        /// Columns that mark another kind of file, and what that file is ("a load profile"),
        /// named when the value column is missing.
        package var otherKind: (columns: [String], what: String)? = nil
        /// The largest value accepted (a share's 1), with how to write a value above it; nil
        /// for no bound.
        package var maximum: (value: Double, hint: String)? = nil

        /// A load profile: `timestamp` and `kwh` (or `energy_kwh`, `mwh`, `wh`).
        package static let load = Layout(
            timeColumns: ["timestamp", "time", "datetime", "start", "from_utc", "period_start"],
            valueColumns: [("kwh", 1), ("energy_kwh", 1), ("mwh", kWhPer("MWh")), ("energy_mwh", kWhPer("MWh")), ("wh", kWhPer("Wh"))],
            valueDescription: "energy in kWh", emptyValuesAreGaps: false)

        /// A factor series: `timestamp` and `g_co2e_per_kwh`; also the layouts of the EIA-930
        /// samples (`avg_CI`) and of the NESO Carbon Intensity API (`from_utc`,
        /// `actual_gco2_per_kwh`).
        package static let factors = Layout(
            timeColumns: ["timestamp", "time", "datetime", "start", "from_utc", "period_start"],
            valueColumns: [("g_co2e_per_kwh", 1), ("avg_ci", 1), ("actual_gco2_per_kwh", 1), ("carbon_intensity", 1),
                           ("g_per_kwh", 1), ("intensity", 1)],
            valueDescription: "emission intensity in g CO2e/kWh", emptyValuesAreGaps: true)

        /// A contracted supply series: `timestamp` and `supply_kwh` (or `generation_kwh`,
        /// `supply_mwh`, `generation_mwh`), and optionally `g_co2e_per_kwh`, the supply's own
        /// emission rate. Its energy column is named apart from a load's (`kwh`), so a load
        /// profile given as supply is refused, not read as one.
        package static let supply = Layout(
            timeColumns: ["timestamp", "time", "datetime", "start", "from_utc", "period_start"],
            valueColumns: [("supply_kwh", 1), ("generation_kwh", 1), ("supply_mwh", kWhPer("MWh")), ("generation_mwh", kWhPer("MWh"))],
            valueDescription: "supplied energy in kWh", emptyValuesAreGaps: false, noun: "supply",
            extraColumns: ["g_co2e_per_kwh", "factor_g_per_kwh"], extraDescription: "the supply's emission rate in g CO2e/kWh",
            otherKind: (["kwh", "energy_kwh", "mwh", "energy_mwh", "wh"], "a load profile"))

        /// The grid's carbon-free share by interval: `timestamp` and `cfe_share`, a fraction 0 to
        /// 1 (the `-cfe` files in `grid-factors/hourly/`). Empty values are gaps.
        package static let gridCFE = Layout(
            timeColumns: ["timestamp", "time", "datetime", "start", "from_utc", "period_start"],
            valueColumns: [("cfe_share", 1), ("carbon_free_share", 1)],
            valueDescription: "the grid's carbon-free share, a fraction 0 to 1", emptyValuesAreGaps: true, noun: "share",
            otherKind: (["g_co2e_per_kwh", "avg_ci", "kwh", "supply_kwh", "mwh"], "a factor, load or supply series'"),
            maximum: (1, "write 45% as 0.45"))
    }

    /// Reads a series from CSV bytes.
    ///
    /// - Parameters:
    ///   - valueColumn: the column to read values from, overriding the layout's names.
    ///   - assumedOffsetSeconds: the UTC offset for timestamps written without one.
    /// - Throws: `CO2eError` naming the file and line: unreadable timestamps, non-numeric or
    ///   negative values, two rows for the same time, irregular spacing, missing rows in a load.
    package static func read(_ bytes: [UInt8], origin: String, layout: Layout, valueColumn: String? = nil,
                            assumedOffsetSeconds: Int? = nil) throws -> TimeSeries {
        var header: CSVHeader?
        var timeIndex = 0, valueIndex = 0
        var multiplier = 1.0
        var chosenColumn = ""
        var extraIndex: Int?
        var extraColumn: String?
        var points: [Point] = []
        /// A field that reads, without trimming, as a finite number 0 or more (and within the
        /// layout's maximum when `bounded`), or nil: then the String path reads it, with its
        /// messages. (Trimming only removes spaces, tabs and line ends, which a number lacks.)
        func plainNumber(_ field: UnsafeBufferPointer<UInt8>, bounded: Bool = true) -> Double? {
            guard let v = NumberText.parse(bytes: field), v.isFinite, v >= 0 else { return nil }
            if bounded, let m = layout.maximum, v > m.value { return nil }
            return v
        }
        try bytes.withUnsafeBufferPointer { buffer in
            try CSV.forEachRawRecord(in: buffer, origin: origin) { line, fields in
                guard let h = header else {
                    let h = CSVHeader(fields.record(line: line), origin: origin)
                    header = h
                    guard let t = layout.timeColumns.lazy.compactMap({ h.index(of: $0) }).first else {
                        throw CO2eError.data("\(origin):1: no time column; name it one of \(layout.timeColumns.joined(separator: ", ")) (the header has: \(h.listed))")
                    }
                    timeIndex = t
                    if let name = valueColumn {
                        guard let v = h.index(of: name) else {
                            throw CO2eError.data("\(origin):1: no column '\(name.echoed)' (the header has: \(h.listed))")
                        }
                        valueIndex = v
                    } else if let found = layout.valueColumns.lazy.compactMap({ c in h.index(of: c.name).map { ($0, c.multiplier) } }).first {
                        (valueIndex, multiplier) = found
                    } else if let other = layout.otherKind, other.columns.contains(where: { h.index(of: $0) != nil }) {
                        throw CO2eError.data("\(origin):1: the header (\(h.listed)) is \(other.what)'s, not \(layout.valueDescription); name the column one of \(layout.valueColumns.map(\.name).joined(separator: ", ")) if the file is meant as this series")
                    } else {
                        var error = CO2eError.data("\(origin):1: no column with \(layout.valueDescription); name it one of \(layout.valueColumns.map(\.name).joined(separator: ", ")) or choose the column by name (the header has: \(h.listed))")
                        error.seeAlso = layout.emptyValuesAreGaps ? "factor_column" : "load_column"
                        throw error
                    }
                    chosenColumn = h.names[valueIndex].echoed
                    if let x = layout.extraColumns.lazy.compactMap({ h.index(of: $0) }).first {
                        extraIndex = x
                        extraColumn = h.names[x].echoed
                    }
                    return true
                }
                // Where a message points (made only for one).
                var at: String { "\(origin):\(line)" }
                guard fields.count == h.names.count else {
                    throw CO2eError.data("\(at): \(fields.count) fields, but the header has \(h.names.count)")
                }
                let time: Timestamp
                do {
                    time = try Timestamp.parse(field: fields[timeIndex], assumedOffsetSeconds: assumedOffsetSeconds)
                } catch let error as CO2eError {
                    var wrapped = CO2eError.data("\(at): column \(h.names[timeIndex].echoed): \(error.message)")
                    wrapped.seeAlso = error.seeAlso   // where to say the offset, for times without one
                    throw wrapped
                }
                var value: Double?
                if let v = plainNumber(fields[valueIndex]) {
                    // The common case, read from the bytes.
                    value = v * multiplier
                } else {
                    let text = fields.string(valueIndex).trimmingSpaces
                    if text.isEmpty {
                        guard layout.emptyValuesAreGaps else {
                            throw CO2eError.data("\(at): column \(chosenColumn) is empty; give 0 for an interval without \(layout.noun)")
                        }
                    } else {
                        guard let v = NumberText.parse(text), v.isFinite else {
                            throw CO2eError.data("\(at): column \(chosenColumn): '\(text.echoed)' is not a number (\(layout.valueDescription))")
                        }
                        guard v >= 0 else {
                            throw CO2eError.data("\(at): column \(chosenColumn): \(text.echoed) is negative; \(layout.valueDescription) is 0 or more")
                        }
                        if let m = layout.maximum, v > m.value {
                            throw CO2eError.data("\(at): column \(chosenColumn): \(text.echoed) is above \(NumberText.exact(m.value)); \(layout.valueDescription) (\(m.hint))")
                        }
                        value = v * multiplier
                    }
                }
                var extra: Double?
                if let x = extraIndex, let name = extraColumn {
                    if let v = plainNumber(fields[x], bounded: false) {
                        extra = v
                    } else {
                        let t = fields.string(x).trimmingSpaces
                        guard let v = NumberText.parse(t), v.isFinite, v >= 0 else {
                            throw CO2eError.data("\(at): column \(name): '\(t.echoed)' is not \(layout.extraDescription) (a number, 0 or more)")
                        }
                        extra = v
                    }
                }
                points.append(Point(time: time, value: value, line: line, extra: extra))
                return true
            }
        }
        guard header != nil else { throw CO2eError.data("\(origin): the file is empty; expected a header row and one row per interval") }
        guard !points.isEmpty else { throw CO2eError.data("\(origin): no rows after the header") }
        points.sort { $0.time < $1.time || ($0.time == $1.time && $0.line < $1.line) }
        var step: Int64 = 3_600
        if points.count > 1 {
            var smallest = Int64.max
            for k in 1..<points.count {
                let d = points[k].time.secondsSinceEpoch - points[k - 1].time.secondsSinceEpoch
                if d == 0 {
                    throw CO2eError.data("\(origin): lines \(points[k - 1].line) and \(points[k].line) are both for \(points[k].time.iso8601): overlapping intervals (a repeated hour, as at a daylight-saving change, needs its UTC offset)")
                }
                smallest = min(smallest, d)
            }
            step = smallest
            for k in 1..<points.count {
                let d = points[k].time.secondsSinceEpoch - points[k - 1].time.secondsSinceEpoch
                guard d % step == 0 else {
                    throw CO2eError.data("\(origin):\(points[k].line): \(points[k].time.iso8601) is off the \(describeStep(step)) grid the other rows follow")
                }
                if d != step && !layout.emptyValuesAreGaps {
                    let missing = d / step - 1
                    throw CO2eError.data("\(origin): \(missing) interval\(missing == 1 ? "" : "s") missing between line \(points[k - 1].line) (\(points[k - 1].time.iso8601)) and line \(points[k].line) (\(points[k].time.iso8601)); give 0 kWh for intervals without \(layout.noun)")
                }
            }
        }
        return TimeSeries(origin: origin, valueColumn: chosenColumn, points: points, stepSeconds: step, extraColumn: extraColumn)
    }
}
