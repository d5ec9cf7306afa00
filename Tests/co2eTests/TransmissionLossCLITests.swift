// --td-loss on training, inference and a published run: a factor per kWh generated applied to
// metered energy, and the inputs it refuses.
import Testing
@testable import co2e

@Suite struct TransmissionLossCLITests {
    @Test func trainingCountsTheLosses() {
        let r = runCLI(["training", "--energy", "1GWh", "--intensity", "400g/kWh", "--td-loss", "5%"])
        #expect(r.code == 0 && r.out.contains("Energy at generation") && r.out.contains("421.1 tCO2e"), "\(r)")
        #expect(r.out.contains("scope 3 (category 3)"), "\(r.out)")
    }

    @Test func inferencePerQueryAndTotalAgree() {
        let r = runCLI(["inference", "--queries", "1e9/day", "--per-query", "2.9Wh", "--intensity", "400g/kWh", "--td-loss", "5%"])
        // 2.9 Wh / 0.95 x 400 g/kWh = 1.221 g a query.
        #expect(r.code == 0 && r.out.contains("1.221 gCO2e") && r.out.contains("/ (1 − 5 %)"), "\(r)")
    }

    @Test func aPublishedRunTakesALoss() {
        let r = runCLI(["training", "--model", "gpt-3", "--td-loss", "5%"])
        #expect(r.code == 0 && r.out.contains("582.3 tCO2e") && r.out.contains("td_loss (added)"), "\(r)")
    }

    @Test func badLosses() {
        let cases: [([String], String)] = [
            (["training", "--energy", "1GWh", "--grid", "US", "--td-loss", "100%"], "--td-loss: '100%' leaves nothing at the meter"),
            (["training", "--energy", "1GWh", "--grid", "US", "--td-loss", "-1%"], "--td-loss: '-1%' is outside"),
            (["training", "--energy", "1GWh", "--grid", "US", "--td-loss", "abc"], "--td-loss: 'abc'"),
            (["training", "--energy", "1GWh", "--grid", "US", "--td-loss", "5GWh"], "--td-loss"),
            (["inference", "--per-query", "2.9Wh", "--td-loss", "5%"], "--td-loss needs --grid or --intensity"),
            (["training", "--model", "gpt-4", "--td-loss", "5%"], "--td-loss: needs an intensity: gpt-4 publishes none"),
            (["training", "--model", "mistral-large-2", "--td-loss", "5%"], "cannot change mistral-large-2"),
        ]
        for (args, expected) in cases {
            let r = runCLI(args)
            #expect(r.code == 2, "\(args): \(r)")
            #expect(r.err.contains(expected), "\(args): \(r.err)")
        }
    }
}
