// CO2eKit: co2e's library, every area in one import. A Swift caller writes `import CO2eKit`;
// the areas are separate targets so that the compiler keeps the layers (see Package.swift).
@_exported import CO2eCore
@_exported import CO2eGrid
@_exported import CO2eTraining
@_exported import CO2eInference
@_exported import CO2eProjections
@_exported import CO2eRemovals
@_exported import CO2eEquivalents
@_exported import CO2eBatch
@_exported import CO2eImpact
@_exported import CO2eClaims
@_exported import CO2eCompanies
