// Out-of-range training and electricity inputs: each error is `.invalidInput`, names the input
// in the model's words (`field`), quotes the value, and names no command-line flag.
import Testing
import CO2eKit

private let grid = ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))))

/// The error `run` throws; fails the test when it throws none.
private func refusal(_ run: TrainingRun) throws -> CO2eError {
    try #require(throws: CO2eError.self) { try run.estimate() }
}

@Suite struct TrainingInputErrorTests {
    @Test func zeroEnergyNamesTheEnergy() throws {
        let error = try refusal(TrainingRun(energy: .facility(.exact(.zero)), electricity: grid))
        #expect(error.kind == .invalidInput)
        #expect(error.field == "energy")
        #expect(error.value == "0 kWh")
        #expect(error.message.contains("more than zero"))
        #expect(error.description.hasPrefix("energy: '0 kWh' "), "\(error.description)")
        #expect(!error.description.contains("--"))
    }

    @Test func pueBelowOneNamesThePUE() throws {
        let error = try refusal(TrainingRun(energy: .itEquipment(.exact(.gigawattHours(1)), pue: .exact(.number(0.9))),
                                            electricity: grid))
        #expect(error.field == "pue")
        #expect(error.value == "0.9")
        #expect(error.message.contains("below 1"))
    }

    @Test func hardwareInputsAreNamed() throws {
        let devices = try refusal(TrainingRun(
            energy: .hardware(devices: .exact(.number(0)), powerPerDevice: .exact(.watts(400)), time: .exact(.days(1)), pue: .included),
            electricity: grid))
        #expect(devices.field == "devices")
        let power = try refusal(TrainingRun(
            energy: .deviceHours(.exact(.number(10)), powerPerDevice: Uncertain(.watts(-1), .watts(400)), pue: .included),
            electricity: grid))
        #expect(power.field == "device_power")
        #expect(power.value?.contains("-1") == true, "\(power.description)")
    }

    @Test func electricityInputsAreNamed() throws {
        let share = try refusal(TrainingRun(energy: .facility(.exact(.gigawattHours(1))),
                                            electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(400))),
                                                                               carbonFree: .share(.exact(.percent(150))))))
        #expect(share.field == "cfe")
        #expect(share.value == "150 %")
        let intensity = try refusal(TrainingRun(energy: .facility(.exact(.gigawattHours(1))),
                                                electricity: ElectricityAccounting(location: .given(.exact(.gramsPerKilowattHour(-5))))))
        #expect(intensity.field == "intensity")
        #expect(intensity.message.contains("negative"))
    }
}
