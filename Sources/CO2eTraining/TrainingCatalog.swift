import CO2eCore
import CO2eGrid

/// A published training run: the inputs its source gives, and the figures it publishes
/// (`data/training/runs.csv`). `reproduce` recomputes the figures with `TrainingRun`'s formula.
package struct PublishedRun: Sendable {
    /// How the published power per device is meant.
    package enum PowerBasis: String, Sendable {
        /// A measured average per device (Patterson et al. 2021: system power, host included).
        case measuredAverage = "measured_avg"
        /// The device's rated TDP (BLOOM's "dynamic" energy).
        case tdp
        /// Peak power per device adjusted for PUE (Meta's model cards).
        case peakPUEAdjusted = "peak_pue_adjusted"
        /// Derived from published totals (the IEA's GPT-4: 22 MW / 25,000 GPUs x 84 % load).
        case derived

        package var description: String {
            switch self {
            case .measuredAverage: return "measured average per device"
            case .tdp: return "the device's TDP"
            case .peakPUEAdjusted: return "peak power per device, adjusted for PUE"
            case .derived: return "derived from the source's totals"
            }
        }
    }

    package let id: String
    package let label: String
    package let params: String
    package let hardware: String
    package let devices: Double?
    package let time: Uncertain<DurationDimension>?
    /// The time as written in the file (`14.8d`).
    package let timeText: String
    package let deviceHours: Double?
    package let devicePower: Power?
    package let powerBasis: PowerBasis?
    /// The PUE the source applies: nil when the power already includes the overhead.
    package let pue: Double?
    package let pueIncluded: Bool
    package let intensity: Intensity?
    /// True when the source prints no intensity and co2e derived it from its figures.
    package let intensityDerived: Bool
    /// A net intensity after carbon-free-energy matching, where it differs from the gross one.
    package let netIntensity: Intensity?
    package let publishedEnergy: Energy?
    package let publishedLocation: Mass?
    package let publishedNet: Mass?
    package let publishedMarket: Mass?
    /// `location`, `lifecycle` (all life-cycle stages) or `energy` (energy only, no emissions).
    package let publishedBasis: String
    package let tolerancePct: Double?
    /// The reference case that reproduces it, if any.
    package let caseID: String
    package let year: Int
    package let source: Source
    package let at: String
    package let note: String
    /// `data/training/runs.csv:LINE`.
    package let origin: String
    package let read: Reading?

    /// True when the source gives the hardware or energy to recompute the figure.
    package var recomputable: Bool { devicePower != nil && (deviceHours != nil || (devices != nil && time != nil)) }

    /// A citation of the run: its source, the place in it, and the data line.
    package var citation: Citation {
        Citation(source: source.id, at: "\(at) (\(origin))" + (read == .secondary ? ", \(Reading.secondary.description)" : ""))
    }
}

/// Inputs a caller gives beside a published run, each replacing the published one.
package struct RunOverrides: Sendable {
    package var devices: Uncertain<CountDimension>?
    package var devicePower: Uncertain<PowerDimension>?
    package var time: Uncertain<DurationDimension>?
    package var deviceHours: Uncertain<CountDimension>?
    package var pue: Uncertain<RatioDimension>?

    package init(devices: Uncertain<CountDimension>? = nil, devicePower: Uncertain<PowerDimension>? = nil,
                 time: Uncertain<DurationDimension>? = nil, deviceHours: Uncertain<CountDimension>? = nil,
                 pue: Uncertain<RatioDimension>? = nil) {
        (self.devices, self.devicePower, self.time, self.deviceHours, self.pue) = (devices, devicePower, time, deviceHours, pue)
    }

    /// The fields given, in the model's words.
    package var given: [String] {
        [("devices", devices != nil), ("device_power", devicePower != nil), ("hours", time != nil),
         ("device_hours", deviceHours != nil), ("pue", pue != nil)].filter(\.1).map(\.0)
    }
}

/// The training-run catalogue bundled with co2e: `data/training/runs.csv` and its
/// `sources.csv`. Read only when a run is asked for or listed.
package enum TrainingCatalog {
    static let runsPath = "data/training/runs.csv"
    static let sourcesPath = "data/training/sources.csv"

    /// The run with `id` (ignoring case).
    ///
    /// - Throws: `CO2eError` code `unknown_id` (field `model`) for an id the catalogue does
    ///   not have, listing every id and suggesting the nearest; a data error for a bad row.
    package static func run(_ id: String) throws -> PublishedRun {
        let wanted = id.trimmingSpaces.lowercased()
        var found: PublishedRun?
        try CatalogRows.bundled(runsPath).forEach { row in
            guard try row["id"].lowercased() == wanted else { return true }
            found = try run(row)
            return false
        }
        if let found { return found }
        throw CO2eError.unknown(id, kind: "training run", field: "model", candidates: try ids(), seeAlso: "list_models")
    }

    /// Every run, in catalogue order.
    package static func runs() throws -> [PublishedRun] {
        var all: [PublishedRun] = []
        try CatalogRows.bundled(runsPath).forEach { all.append(try run($0)); return true }
        return all
    }

    /// Every id, in catalogue order.
    package static func ids() throws -> [String] { try CatalogRows.bundled(runsPath).column("id") }

    static func run(_ row: CatalogRows.Row) throws -> PublishedRun {
        func positive(_ name: String) throws -> Double? {
            guard let x = try row.number(name) else { return nil }
            guard x > 0 else { throw row.bad(name, try row[name], "must be more than zero") }
            return x
        }
        func count(_ name: String) throws -> Double? {
            guard let text = row.optional(name) else { return nil }
            guard let c = try? Count.parse(text), c.number > 0 else { throw row.bad(name, text, "is not a count above zero (1.3M, 184320)") }
            return c.number
        }
        var time: Uncertain<DurationDimension>?
        let timeText = row.optional("time") ?? ""
        if !timeText.isEmpty {
            do { time = try TimeSpan.parseHours(timeText) } catch { throw row.bad("time", timeText, "is not a duration (14.8d, 14wk, 355.2)") }
        }
        let basisText = row.optional("power_basis")
        var basis: PublishedRun.PowerBasis?
        if let basisText {
            guard let b = PublishedRun.PowerBasis(rawValue: basisText) else {
                throw row.bad("power_basis", basisText, "is not a power basis", accepted: "measured_avg, tdp, peak_pue_adjusted, derived")
            }
            basis = b
        }
        var pue: Double?
        var pueIncluded = false
        if let text = row.optional("pue") {
            if text == "included" {
                pueIncluded = true
            } else {
                guard let p = NumberText.parse(text), p >= 1, p.isFinite else { throw row.bad("pue", text, "is not a PUE of at least 1, or 'included'") }
                pue = p
            }
        }
        let derived = row.optional("intensity_derived")
        guard [nil, "yes", "no"].contains(derived) else { throw row.bad("intensity_derived", derived ?? "", "is not yes or no") }
        let basisOut = try row["published_basis"]
        guard ["location", "lifecycle", "energy"].contains(basisOut) else {
            throw row.bad("published_basis", basisOut, "is not a basis", accepted: "location, lifecycle, energy")
        }
        let gross = try positive("intensity_g_per_kwh").map(Intensity.gramsPerKilowattHour)
        let netValue = try row.number("net_intensity_g_per_kwh").map(Intensity.gramsPerKilowattHour)
        let tonnes = { (name: String) throws -> Mass? in
            guard let t = try row.number(name) else { return nil }
            guard t >= 0 else { throw row.bad(name, try row[name], "must not be negative") }
            return .tonnes(t)
        }
        return PublishedRun(
            id: try row["id"], label: try row["label"], params: try row["params"], hardware: try row["hardware"],
            devices: try count("devices"), time: time, timeText: timeText, deviceHours: try count("device_hours"),
            devicePower: try positive("device_power_w").map(Power.watts), powerBasis: basis, pue: pue, pueIncluded: pueIncluded,
            intensity: gross, intensityDerived: derived == "yes", netIntensity: netValue == gross ? nil : netValue,
            publishedEnergy: try positive("published_energy_mwh").map(Energy.megawattHours),
            publishedLocation: try tonnes("published_t"), publishedNet: try tonnes("published_net_t"),
            publishedMarket: try tonnes("published_market_t"), publishedBasis: basisOut,
            tolerancePct: try row.number("tolerance_pct"), caseID: row.optional("case") ?? "", year: try row.requiredYear("year"),
            source: try CatalogRows.source(try row["source"], in: sourcesPath, usedAt: row), at: try row["where"],
            note: try row["note"], origin: row.place, read: try row.reading())
    }

    /// Every run as a table (`co2e training --list-models`): id, what was trained, the
    /// published energy and emissions and their basis, year, source and how it was read.
    package static func listing() throws -> Estimate {
        var est = Estimate(key: "training_models", title: "Published training runs")
        var table = Table(key: "models", title: "Runs (each recomputed with the same formula when shown by id)",
                          columns: [.init("id", "Id"), .init("energy", "Energy", unit: "kWh"), .init("emissions", "CO2e", unit: "kg"),
                                    .init("basis", "Basis"), .init("year", "Year"), .init("source", "Source"), .init("read", "Read")])
        for r in try runs() {
            table.rows.append([.text(r.id), r.publishedEnergy.map { .value(Value($0)) } ?? .text("-"),
                               r.publishedLocation.map { .value(Value($0)) } ?? .text("-"),
                               .text(r.publishedBasis), .text(String(r.year)), .text(r.source.id), .text(r.read?.rawValue ?? "")])
            est.cite(r.source)
        }
        est.tables.append(table)
        est.assume("basis", "Basis: location = location-based electricity emissions of the run; lifecycle = every life-cycle stage (hardware manufacturing included; Mistral's also counts 18 months of use); energy = the source gives energy only, no emissions.")
        est.assume("read", "Read: primary = the publisher's own document; copy = a faithful copy of it; secondary = only coverage of it (the primary was not read).")
        return est
    }
}

extension PublishedRun {
    /// The energy form of the run, with `overrides` replacing published inputs.
    ///
    /// - Throws: `CO2eError.invalidInput` for an override the run's form has no place for
    ///   (hours on a run published as device-hours), for a PUE on a power figure that already
    ///   includes the overhead, and for any override on a run that cannot be recomputed.
    package func energy(_ o: RunOverrides) throws -> TrainingEnergy {
        guard recomputable, let power = devicePower else {
            throw CO2eError(.invalidInput, "cannot change \(id): it publishes no energy or hardware to recompute (\(publishedBasis) figure)",
                            code: .conflictingOptions, field: o.given.first ?? "model", value: nil)
        }
        let overhead: FacilityOverhead
        if let p = o.pue {
            if pueIncluded {
                throw CO2eError(.invalidInput, "would count the overhead twice: \(id)'s power figure (\(powerBasis?.description ?? "as published")) already includes it",
                                code: .conflictingOptions, field: "pue")
            }
            overhead = .pue(p)
        } else {
            overhead = pueIncluded ? .included : .pue(pue ?? 1)
        }
        let p = o.devicePower ?? .exact(power)
        if let h = deviceHours {
            if let extra = [("devices", o.devices != nil), ("hours", o.time != nil)].first(where: \.1)?.0 {
                throw CO2eError(.invalidInput, "does not fit \(id): it is published as device-hours (\(NumberText.format(h, significantDigits: 6))), which already count devices × hours; change the device-hours instead",
                                code: .conflictingOptions, field: extra)
            }
            return .deviceHours(o.deviceHours ?? .exact(.number(h)), powerPerDevice: p, pue: overhead)
        }
        if o.deviceHours != nil {
            throw CO2eError(.invalidInput, "does not fit \(id): it is published as devices × time; change the devices or the hours instead",
                            code: .conflictingOptions, field: "device_hours")
        }
        guard let n = devices, let t = time else { throw CO2eError.data("\(origin): the run has neither device-hours nor devices and time") }
        return .hardware(devices: o.devices ?? .exact(.number(n)), powerPerDevice: p, time: o.time ?? t, pue: overhead)
    }

    /// The published electricity accounting: its gross intensity, and its net one where it
    /// differs; nil when the source gives no intensity.
    package var publishedElectricity: ElectricityAccounting? {
        intensity.map { i in
            ElectricityAccounting(location: .given(.exact(i)), carbonFree: netIntensity.map { .netIntensity(.exact($0)) })
        }
    }

    /// The run recomputed: the published inputs (with `overrides` and `electricity`, when
    /// given, in place of the published ones) through `TrainingRun`'s formula, with the
    /// published figures beside the recomputed ones. Without a published intensity and
    /// without `electricity`, energy only. A run that publishes no inputs gives its figure only.
    ///
    /// - Throws: `CO2eError.invalidInput` for an override that does not fit the run, or
    ///   electricity given for a run with no energy to apply it to.
    package func reproduce(overrides o: RunOverrides = RunOverrides(), electricity given: ElectricityAccounting? = nil,
                           carbonFree: CarbonFreeEnergy? = nil, market: MarketInstruments? = nil,
                           transmissionLoss: Uncertain<ShareDimension>? = nil, sampling: MonteCarloSettings? = nil) throws -> Estimate {
        try reproduced(overrides: o, electricity: given, carbonFree: carbonFree, market: market, transmissionLoss: transmissionLoss,
                       sampling: sampling).trail
    }

    /// `reproduce`, with the recomputed emissions as typed figures (none when the run is not
    /// recomputed or has no intensity), for what reads them (equivalents).
    package func reproduced(overrides o: RunOverrides = RunOverrides(), electricity given: ElectricityAccounting? = nil,
                            carbonFree: CarbonFreeEnergy? = nil, market: MarketInstruments? = nil,
                            transmissionLoss: Uncertain<ShareDimension>? = nil,
                            sampling: MonteCarloSettings? = nil) throws -> (trail: Estimate, grids: [GridEmissions]) {
        if !recomputable {
            if !o.given.isEmpty || given != nil || carbonFree != nil || market != nil || transmissionLoss != nil {
                throw CO2eError(.invalidInput, "cannot change \(id): it publishes no energy or hardware to recompute (\(publishedBasis) figure)",
                                code: .conflictingOptions, field: o.given.first ?? "grid")
            }
            var est = Estimate(key: "training_model", title: "Training run: \(label)")
            describePublished(into: &est)
            est.warn("not_recomputable", "\(id) publishes no energy, hardware or device-hours: co2e shows the published figure and cannot recompute it or apply a grid to it.")
            return (est, [])
        }
        let form = try energy(o)
        var est: Estimate
        var recomputed: (energy: Figure<EnergyDimension>, location: Figure<MassDimension>?, net: Figure<MassDimension>?, market: Figure<MassDimension>?)
        var grids: [GridEmissions] = []
        var published = publishedElectricity
        if given == nil, carbonFree != nil || market != nil || transmissionLoss != nil {
            guard published != nil else {
                throw CO2eError(.invalidInput, "needs an intensity: \(id) publishes none (\(source.publisher) gives energy only); give a grid or an intensity",
                                code: .missingOption, field: market != nil ? "market_based" : carbonFree != nil ? "cfe" : "td_loss")
            }
            if let carbonFree { published?.carbonFree = carbonFree }
            published?.market = market
            published?.transmissionLoss = transmissionLoss
        }
        if let accounting = given ?? published {
            let result = try TrainingRun(energy: form, electricity: accounting).estimate(sampling: sampling)
            est = result.trail
            recomputed = (result.energy, result.locationBased, result.net, result.marketBased)
            grids = result.grids
            if given == nil, let i = intensity, let k = est.steps.firstIndex(where: { $0.key == "grid_factor" }) {
                let how = intensityDerived
                    ? "derived: the source prints no intensity; its tonnes over its GPU-hours × power (\(origin))"
                    : "published (\(at))"
                est.steps[k] = .init("grid_factor", "Emission intensity", Value(i), how: how, citations: [citation])
            }
        } else {
            try form.validate()
            var formula = Formula()
            let part = form.addFormula(to: &formula)
            let e = try formula.evaluate(sampling: sampling, figures: [])
            est = Estimate(key: "training", title: "Training run")
            part.describe(e, into: &est)
            part.assumptions(e, into: &est)
            recomputed = (e.figure(part.facility), nil, nil, nil)
            est.warn("no_intensity", "\(id) publishes no emission intensity (\(source.publisher) gives energy only): give a grid or an intensity for emissions.")
        }
        let overridden = Set(o.given.map { $0 == "hours" ? "time" : $0 })
        for (k, step) in est.steps.enumerated() where ["devices", "device_power", "time", "device_hours", "pue"].contains(step.key) && step.how.hasPrefix("given") {
            let how = overridden.contains(step.key) ? "given, in place of the published figure"
                : step.how.hasPrefix("given as 1") ? "published as 1 (\(at)): no facility overhead counted"
                : step.key == "device_power" && powerBasis == .derived ? "derived from the source's totals (\(at)); see the note"
                : "published (\(at))" + (step.key == "pue" ? ": facility energy / IT energy" : "")
            est.steps[k] = .init(step.key, step.label, step.value, how: how, citations: overridden.contains(step.key) ? [] : [citation])
        }
        est.key = "training_model"
        est.title = "Training run: \(label)"
        describePublished(into: &est)
        var table = Table(key: "published_vs_recomputed", title: "Published vs recomputed",
                          columns: [.init("figure", "Figure"), .init("published", "Published"), .init("recomputed", "Recomputed"),
                                    .init("difference", "Difference")])
        func row<D>(_ label: String, _ published: Quantity<D>?, _ mine: Figure<D>?, unit: String? = nil) {
            guard published != nil || mine != nil else { return }
            var diff = "-"
            if let p = published, let m = mine {
                if p.baseValue != 0 {
                    let pct = (m.value.baseValue / p.baseValue - 1) * 100
                    diff = pct == 0 ? "0 %" : (pct > 0 ? "+" : "-") + NumberText.format(abs(pct), significantDigits: 2) + " %"
                } else if m.value.baseValue == 0 {
                    diff = "0 %"
                }
            }
            table.rows.append([.text(label), published.map { .value(Value($0, unit: unit)) } ?? .text("-"),
                               mine.map { .value($0.trailValue(unit: unit)) } ?? .text("-"), .text(diff)])
        }
        row("Energy at the facility", publishedEnergy, recomputed.energy)
        row("Location-based emissions", publishedLocation, recomputed.location)
        if recomputed.net != nil || publishedNet != publishedLocation { row("Net emissions", publishedNet, recomputed.net) }
        row("Market-based emissions", publishedMarket, recomputed.market)
        est.tables.append(table)
        var replaced = o.given
        if given != nil { replaced.append("grid") }
        if transmissionLoss != nil || given?.transmissionLoss != nil { replaced.append("td_loss (added)") }
        if !replaced.isEmpty {
            est.assume("replaced_inputs", "Inputs replaced by the caller: \(replaced.joined(separator: ", ")); the recomputed figures are for the changed run, so they need not match the published ones.")
        } else if let tol = tolerancePct {
            est.assume("tolerance", "The published figures are rounded: a difference within \(NumberText.format(tol, significantDigits: 3)) % is the source's rounding" + (caseID.isEmpty ? "." : " (reference case \(caseID))."))
        }
        if publishedMarket != nil && recomputed.market == nil {
            est.assume("market_based", "The published market-based figure counts \(source.publisher)'s renewable-energy matching; give market instruments (certificates covering 100 %) to recompute it.")
        }
        return (est, grids)
    }

    /// The published inputs and figures as steps, the note, and the source.
    func describePublished(into est: inout Estimate) {
        var inputs: [String] = []
        // The hardware text may begin with the count already ("25,000 GPUs (22 MW of equipment)").
        let count = devices.map { NumberText.format($0, significantDigits: 6) }
        if let count, !hardware.hasPrefix(count + " ") { inputs.append("\(count) × \(hardware)") } else { inputs.append(hardware) }
        if !timeText.isEmpty { inputs.append(timeText) }
        if let h = deviceHours { inputs.append("\(NumberText.format(h, significantDigits: 6)) device-hours") }
        if let p = devicePower { inputs.append("\(Power.format(Interval(p.baseValue), unit: "W")) (\(powerBasis?.description ?? "basis not stated"))") }
        if pueIncluded { inputs.append("PUE included in the power") } else if let p = pue { inputs.append("PUE \(NumberText.format(p, significantDigits: 4))") }
        if let i = intensity { inputs.append(Intensity.format(Interval(i.baseValue), unit: "g/kWh") + (intensityDerived ? " (derived)" : "")) }
        if let i = netIntensity { inputs.append("net " + Intensity.format(Interval(i.baseValue), unit: "g/kWh")) }
        est.steps.insert(.init("published_inputs", "Published inputs", .text(inputs.joined(separator: ", ")),
                               how: "\(params) parameters; \(source.id), \(at); run \(year)", citations: [citation]), at: 0)
        if let m = publishedLocation, !recomputable {
            est.steps.append(.init("published", publishedBasis == "lifecycle" ? "Published life-cycle emissions" : "Published emissions",
                                     Value(m, unit: "t"), how: "as published (\(at)); not recomputed", citations: [citation]))
        }
        est.assume("published_note", note)
        est.cite(source)
    }
}
