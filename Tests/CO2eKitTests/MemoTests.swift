import Testing
import CO2eKit

// Memo, the per-process cache behind the bundled catalogue's lookups: it answers what the
// lookup would, keeps at most `limit` answers, and keeps no failure.

private struct Failure: Error {}

@Test func memoAnswersWhatItsLookupMakesAndMakesItOncePerKey() {
    let memo = Memo<Int>()
    var made = 0
    let first = memo.value("a") { made += 1; return 7 }
    let again = memo.value("a") { made += 1; return 8 }
    let other = memo.value("b") { made += 1; return 9 }
    #expect(first == 7)
    #expect(again == 7)
    #expect(other == 9)
    #expect(made == 2)
}

@Test func memoKeepsNoFailedLookup() {
    let memo = Memo<Int>()
    #expect(throws: Failure.self) { try memo.value("x") { throw Failure() } }
    var made = 0
    let value = memo.value("x") { made += 1; return 3 }
    #expect(value == 3)
    #expect(made == 1)
}

@Test func memoKeepsAtMostItsLimitAndStillAnswersPastIt() {
    let memo = Memo<String>(limit: 3)
    var made = 0
    let keys = (0..<10).map { "k\($0)" }
    for _ in 0..<2 {
        for key in keys {
            #expect(memo.value(key) { made += 1; return key + "!" } == key + "!")
        }
    }
    // First pass: 10 made, 3 kept. Second pass: the 3 kept answer, the other 7 are made again.
    #expect(made == 17)
}

@Test func bundledCatalogueThroughItsMemoEqualsTheTablesReadAfresh() throws {
    let cached = FactorCatalog.bundled, fresh = FactorCatalog.bundled.uncached
    for query in ["US", "fr", " DE ", "Ireland", "GBR", "eGRID:SRVC", "us-east-1", "europe-west1", "JP"] {
        for _ in 0..<2 {  // the second round answers from the memo
            let match = try cached.resolve(query)
            #expect(match == (try fresh.resolve(query)), "\(query)")
            #expect(try cached.factors(for: match.zone) == (try fresh.factors(for: match.zone)), "\(query)")
            #expect(try cached.resolveIfKnown(query) == (try fresh.resolveIfKnown(query)), "\(query)")
        }
    }
    #expect(try cached.knownNames() == (try fresh.knownNames()))
    for query in ["Atlantis", ""] {
        var errors: [CO2eError] = []
        for catalog in [cached, fresh, cached] {
            do { _ = try catalog.resolve(query) } catch let e as CO2eError { errors.append(e) }
        }
        #expect(errors.count == 3 && Set(errors.map(\.description)).count == 1, "\(query)")
    }
}
