/// The first Wasserstein (earth mover's) distance between two sorted samples.
public enum Wasserstein {
    /// ∫ |F₁ − F₂| dx as scipy's `wasserstein_distance` computes it: the ECDF difference on each
    /// gap between consecutive values of the union, times the gap, summed (pairwise, as numpy).
    public static func distance(sorted a: [Double], sorted b: [Double]) -> Double {
        let n1 = a.count, n2 = b.count
        guard n1 > 0, n2 > 0 else { return .nan }
        let d1 = Double(n1), d2 = Double(n2)
        var terms = [Double]()
        terms.reserveCapacity(n1 + n2)
        var i = 0, j = 0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                var current: Double
                if a[0] <= b[0] { current = a[0] } else { current = b[0] }
                while i < n1 || j < n2 {
                    while i < n1, a[i] <= current { i += 1 }
                    while j < n2, b[j] <= current { j += 1 }
                    guard i < n1 || j < n2 else { break }
                    let next: Double
                    if j >= n2 || (i < n1 && a[i] <= b[j]) { next = a[i] } else { next = b[j] }
                    terms.append(abs(Double(i) / d1 - Double(j) / d2) * (next - current))
                    current = next
                }
            }
        }
        return NumpyArithmetic.sum(terms)
    }
}
