/// Tests for "did you mean" suggestions (`Suggestions.nearest`) and the edit distance under it:
/// typical typos (missing, extra, wrong and transposed letters), case-insensitivity, prefixes,
/// cloud-region look-alikes (`eu-west-1` vs `europe-west1`), nothing for unrelated words, the
/// nearest first, and `limit` honoured.
import Testing
import CO2eKit
@testable import CO2eCore
@testable import CO2eData
@testable import CO2eGrid
@testable import CO2eTraining
@testable import CO2eInference
@testable import CO2eProjections
@testable import CO2eRemovals
@testable import CO2eEquivalents
@testable import CO2eBatch
@testable import CO2eClaims

@Suite struct SuggestionsTests {
    static let countries = ["Germany", "France", "Ireland", "Iceland", "United States", "Greece", "Norway"]
    static let regions = ["eu-west-1", "eu-west-2", "eu-central-1", "europe-west1", "europe-west4", "us-east-1", "us-central1"]

    @Test(arguments: [
        ("Germny", "Germany"), // missing letter
        ("Germanny", "Germany"), // extra letter
        ("Gormany", "Germany"), // wrong letter
        ("Gremany", "Germany"), // transposition
        ("germany", "Germany"), // case only
        ("GERMANY", "Germany"),
        ("Frnace", "France"),
        ("Norwya", "Norway"),
    ])
    func typoFindsTheWord(typo: String, word: String) {
        #expect(Suggestions.nearest(to: typo, among: Self.countries, limit: 1) == [word])
    }

    @Test func prefixSuggestsTheWholeName() {
        #expect(Suggestions.nearest(to: "Unit", among: Self.countries).contains("United States"))
        // Too short a prefix suggests nothing by prefix alone.
        #expect(!Suggestions.nearest(to: "Un", among: Self.countries).contains("United States"))
    }

    @Test func awsNameForAGoogleRegion() {
        // `europe-west-1` (Google's name with AWS's dash) is one edit from europe-west1.
        #expect(Suggestions.nearest(to: "europe-west-1", among: Self.regions, limit: 1) == ["europe-west1"])
        // `eu-west1` is one edit from AWS's eu-west-1.
        #expect(Suggestions.nearest(to: "eu-west1", among: Self.regions, limit: 1) == ["eu-west-1"])
        #expect(Suggestions.nearest(to: "EU-WEST-1", among: Self.regions, limit: 1) == ["eu-west-1"])
    }

    @Test func euWestAndEuropeWestAreNotConfused() {
        // eu-west-1 and europe-west1 are different regions five edits apart: typing one never
        // suggests the other first.
        let forAWS = Suggestions.nearest(to: "eu-west-1", among: ["europe-west1"])
        #expect(forAWS.isEmpty)
        let forGoogle = Suggestions.nearest(to: "europe-west1", among: ["eu-west-1"])
        #expect(forGoogle.isEmpty)
    }

    @Test func nearestFirst() {
        let suggestions = Suggestions.nearest(to: "eu-west-3", among: Self.regions, limit: 3)
        #expect(suggestions.first == "eu-west-1" || suggestions.first == "eu-west-2")
        #expect(Set(suggestions.prefix(2)) == ["eu-west-1", "eu-west-2"])
        // Ties are broken alphabetically, so the order is stable.
        #expect(Array(suggestions.prefix(2)) == ["eu-west-1", "eu-west-2"])
    }

    @Test func closerBeatsFarther() {
        #expect(Suggestions.nearest(to: "Icelnd", among: ["Ireland", "Iceland"], limit: 2) == ["Iceland", "Ireland"])
    }

    @Test(arguments: ["banana", "xyz", "Australia", "q", "zzzzzzzzzzzz"])
    func nothingForUnrelatedWords(word: String) {
        #expect(Suggestions.nearest(to: word, among: Self.countries).isEmpty)
    }

    @Test func nothingForEmptyInputOrNoCandidates() {
        #expect(Suggestions.nearest(to: "", among: Self.countries).isEmpty)
        #expect(Suggestions.nearest(to: "Germany", among: []).isEmpty)
    }

    @Test func shortWordsAllowOneEdit() {
        #expect(Suggestions.nearest(to: "UX", among: ["US", "UK", "IE"], limit: 5) == ["UK", "US"])
        #expect(Suggestions.nearest(to: "XY", among: ["US", "UK", "IE"]).isEmpty)
    }

    @Test(arguments: [0, 1, 2, 3, 10])
    func limitIsHonoured(limit: Int) {
        let candidates = ["ab1", "ab2", "ab3", "ab4", "ab5", "ab6"]
        let result = Suggestions.nearest(to: "ab", among: candidates, limit: limit)
        #expect(result.count == min(limit, candidates.count))
        #expect(result == Array(candidates.prefix(limit)))
    }

    @Test func negativeLimitGivesNothing() {
        #expect(Suggestions.nearest(to: "Germny", among: Self.countries, limit: -1).isEmpty)
    }

    @Test func defaultLimitIsThree() {
        let candidates = ["ab1", "ab2", "ab3", "ab4", "ab5"]
        #expect(Suggestions.nearest(to: "ab", among: candidates).count == 3)
    }

    @Test func duplicatesDifferingOnlyByCaseAppearOnce() {
        #expect(Suggestions.nearest(to: "Germny", among: ["Germany", "germany", "GERMANY"], limit: 5) == ["Germany"])
    }

    @Test func exactMatchComesFirst() {
        #expect(Suggestions.nearest(to: "GWh", among: ["GWh", "MWh", "kWh", "TWh"], limit: 4).first == "GWh")
    }

    // MARK: Edit distance

    func distance(_ a: String, _ b: String, cap: Int = 100) -> Int {
        Suggestions.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars), cap: cap)
    }

    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("abc", "abc", 0), ("abc", "abd", 1), ("abc", "ab", 1),
        ("ab", "ba", 1), ("abcd", "acbd", 1), ("kitten", "sitting", 3), ("germany", "germny", 1),
        ("eu-west-1", "europe-west1", 5), ("flaw", "lawn", 2), ("ca", "abc", 3),
    ])
    func editDistance(a: String, b: String, d: Int) {
        #expect(distance(a, b) == d)
        #expect(distance(b, a) == d)
    }

    @Test func editDistanceStopsAtTheCap() {
        #expect(distance("kitten", "sitting", cap: 2) == 2)
        #expect(distance("a", "abcdefgh", cap: 3) == 3)
        #expect(distance("abcdefgh", "hgfedcba", cap: 4) == 4)
    }
}
