// The YAML subset reader (`co2e impact`) and the Impact Framework exchange over it. Any bytes
// either read as one document or give one short CO2eError (invalid data, naming the line); no
// trap. A document that reads writes back as YAML that reads again to the same value (so what
// `co2e impact` returns is what it read, plus its fields). The exchange over the document, with
// a fixed zone and without, either answers with YAML that reads back as a sequence of as many
// observations as went in, each keeping its own fields, or refuses with one short CO2eError.
import CO2eKit

/// The fields co2e writes into an observation (it may replace a value the input gave them).
private let written: Set<String> = [ImpactField.operational, ImpactField.embodied, ImpactField.carbon,
                                    ImpactField.gridIntensity, ImpactField.gridSource, ImpactField.embodiedSource]

private func observations(_ v: YAMLValue) -> Int? {
    switch v {
    case .null: return 0
    case let .sequence(items): return items.count
    default: return nil
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = FuzzInput(data, size)
    guard let document = readOrRefused("a YAML", { try YAMLValue.parse(bytes: input.bytes, origin: "fuzz.yaml") }) else { return 0 }
    let written = document.yamlText()
    do {
        let again = try YAMLValue.parse(written, origin: "written.yaml")
        require(again == document, "written back, the document reads as another value:\n\(written)")
    } catch let e as CO2eError {
        require(false, "what the writer wrote does not read: \(e.message)\n\(written)")
    } catch {
        require(false, "not a CO2eError: \(error)")
    }
    for exchange in [ImpactExchange(), ImpactExchange(zone: "DE")] {
        do {
            let answer = try exchange.outputs(for: document)
            let count = observations(document)
            require(count != nil, "a document that is not a sequence got an answer")
            guard case let .sequence(out) = answer else {
                require(false, "the answer is \(answer.kindDescription), not a sequence")
                return 0
            }
            require(out.count == count, "\(count ?? -1) observations in, \(out.count) out")
            if case let .sequence(items) = document {
                for (i, (given, got)) in zip(items, out).enumerated() {
                    for (key, value) in given.mappingEntries ?? [] where got[key] != value {
                        require(written.contains(key), "observation \(i)'s field \(key) changed")
                    }
                }
            }
            let text = answer.yamlText()
            do { _ = try YAMLValue.parse(text, origin: "answer.yaml") } catch {
                require(false, "the answer does not read as YAML: \(error)\n\(text)")
            }
        } catch let e as CO2eError {
            require(isOneShortLine(e.message, limit: 600), "error is not one short line: \(e.message)")
        } catch {
            require(false, "not a CO2eError: \(error)")
        }
    }
    return 0
}
