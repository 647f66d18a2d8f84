/// The two-sample Kolmogorov–Smirnov statistic D from two sorted samples.
public enum KolmogorovSmirnovStatistic {
    /// D = max |F₁(x) − F₂(x)| over every value of either sample, computed as scipy's
    /// `ks_2samp` does (`searchsorted(side='right') / n` on each side), but by one merge.
    public static func statistic(sorted a: [Double], sorted b: [Double]) -> Double {
        let n1 = a.count, n2 = b.count
        guard n1 > 0, n2 > 0 else { return .nan }
        let d1 = Double(n1), d2 = Double(n2)
        var i = 0, j = 0
        var maxDifference = 0.0, minDifference = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                while i < n1 || j < n2 {
                    // The next distinct value of the union; both ECDFs jump past all its copies.
                    let value: Double
                    if j >= n2 || (i < n1 && a[i] <= b[j]) { value = a[i] } else { value = b[j] }
                    while i < n1, a[i] <= value { i += 1 }
                    while j < n2, b[j] <= value { j += 1 }
                    let difference = Double(i) / d1 - Double(j) / d2
                    if difference > maxDifference { maxDifference = difference }
                    if difference < minDifference { minDifference = difference }
                }
            }
        }
        return max(min(-minDifference, 1), maxDifference)
    }
}
