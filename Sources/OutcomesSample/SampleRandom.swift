import OutcomesCore

/// SplitMix64: a small, fast generator that gives the same stream for the same seed on every
/// platform, so `outcomes sample --seed S` is reproducible.
public struct SampleRandom: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// An independent stream for one patient, so a patient's data does not depend on the others.
    public init(seed: UInt64, stream: UInt64) {
        var mixer = SampleRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    public mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Box–Muller.
    public mutating func normal(mean: Double, sd: Double) -> Double {
        let u1 = max(uniform(), 1e-12), u2 = uniform()
        return mean + sd * (-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2)
    }

    public mutating func pick<T>(_ weighted: [(T, Double)]) -> T {
        let total = weighted.reduce(0) { $0 + $1.1 }
        var x = uniform() * total
        for (value, weight) in weighted {
            if x < weight { return value }
            x -= weight
        }
        return weighted[weighted.count - 1].0
    }

    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}

import Foundation
@inline(__always) func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { Foundation.cos(x) }
@inline(__always) func _exp(_ x: Double) -> Double { Foundation.exp(x) }
