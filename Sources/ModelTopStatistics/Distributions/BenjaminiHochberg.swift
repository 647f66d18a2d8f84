/// Benjamini–Hochberg adjusted p-values, as `scipy.stats.false_discovery_control(method='bh')`.
///
/// With 50 embedding dimensions tested at once, a raw p < 0.05 flags ~2.5 of them by chance
/// alone; the adjusted values control the expected share of false alarms instead.
package enum BenjaminiHochberg {
    /// Adjusted p-values in the input's order. NaN entries are left out of the family and stay NaN.
    package static func adjust(_ pValues: [Double]) -> [Double] {
        let family = pValues.indices.filter { !pValues[$0].isNaN }
        let m = family.count
        var result = [Double](repeating: .nan, count: pValues.count)
        guard m > 0 else { return result }
        let order = family.sorted { pValues[$0] < pValues[$1] }
        var adjusted = order.enumerated().map { rank, index in pValues[index] * (Double(m) / Double(rank + 1)) }
        var k = m - 2
        while k >= 0 {
            adjusted[k] = min(adjusted[k], adjusted[k + 1])
            k -= 1
        }
        for (rank, index) in order.enumerated() { result[index] = min(max(adjusted[rank], 0), 1) }
        return result
    }
}
