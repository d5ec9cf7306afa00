extension Value {
    /// `{"dimension","unit","spread","value"}` for an exact value; `"low","high"` for bounds;
    /// `"mean","sd","samples","p5",...` for percentiles; always `"text"`.
    package var json: JSONValue {
        var members: [(String, JSONValue)] = [("dimension", .string(dimension)), ("unit", .string(unit))]
        if isNumeric {
            switch spread {
            case let .exact(v):
                members += [("spread", .string("exact")), ("value", .number(v))]
            case let .bounds(a, b):
                members += [("spread", .string("bounds")), ("low", .number(a)), ("high", .number(b))]
            case let .percentiles(p):
                members += [("spread", .string("percentiles")), ("samples", .number(Double(p.samples))),
                            ("mean", .number(p.mean)), ("sd", .number(p.standardDeviation))]
                for v in p.values { members.append(("p" + NumberText.exact(v.percent), .number(v.value))) }
            }
        } else {
            members.append(("spread", .string("none")))
        }
        members.append(("text", .string(text)))
        return .object(members)
    }
}

extension Estimate.Step {
    /// The step as JSON: `key`, `label`, `value`, `how`, and `citations` where there are any.
    package var json: JSONValue {
        var members: [(String, JSONValue)] = [("key", .string(key)), ("label", .string(label)), ("value", value.json),
                                              ("how", .string(how))]
        if !citations.isEmpty { members.append(("citations", .array(citations.map(\.json)))) }
        return .object(members)
    }
}

extension Table {
    /// The table as JSON: `key`, `title`, `columns` and `rows` (objects keyed by column).
    package var json: JSONValue {
        .object([
            ("key", .string(key)), ("title", .string(title)),
            ("columns", .array(columns.map { .object([("key", .string($0.key)), ("label", .string($0.label)), ("unit", .string($0.unit))]) })),
            ("rows", .array(rows.map { row in
                .object(zip(columns, row).map { column, cell in
                    switch cell {
                    case let .text(t), let .decimal(t): return (column.key, .string(t))
                    case let .number(x): return (column.key, .number(x))
                    case let .value(v): return (column.key, v.json)
                    }
                })
            })),
        ])
    }
}

extension Estimate {
    /// The estimate as indented JSON text, with the same content as the printed text: what
    /// `--json` prints. The shape is in README.md ("JSON for other tools").
    public var jsonText: String { json.prettySerialized() }

    /// The estimate as a JSON value. The shape is in README.md ("JSON for other tools") and
    /// pinned by `EstimateJSONShapeTests`.
    package var json: JSONValue {
        .object([
            ("key", .string(key)),
            ("title", .string(title)),
            ("steps", .array(steps.map(\.json))),
            ("results", .array(results.map(\.json))),
            ("tables", .array(tables.map(\.json))),
            ("parts", .array(parts.map(\.json))),
            ("sources", .array(sources.map(\.json))),
            ("grid_factors", .array(gridFactors.map(\.json))),
            ("warnings", .array(warnings.map(\.json))),
            ("assumptions", .array(assumptions.map(\.json))),
        ])
    }
}
