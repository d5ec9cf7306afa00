import CO2eKit

/// The options that add a training run's embodied hardware emissions (`--embodied`).
enum EmbodiedOptions {
    static let embodied = Flag("embodied", "Add the hardware's embodied emissions, amortised: embodied × (job time / lifetime) / utilisation per device class (Luccioni et al. 2022).")
}
