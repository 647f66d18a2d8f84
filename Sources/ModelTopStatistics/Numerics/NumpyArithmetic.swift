/// Arithmetic done the way numpy does it, so results agree with numpy to the last bit or close.
package enum NumpyArithmetic {
    /// numpy's pairwise summation (`pairwise_sum_DOUBLE`): blocks of 128 with 8 accumulators.
    package static func sum(_ values: UnsafeBufferPointer<Double>) -> Double {
        guard let base = values.baseAddress else { return 0 }
        return pairwise(base, values.count)
    }

    package static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { sum($0) }
    }

    private static func pairwise(_ a: UnsafePointer<Double>, _ n: Int) -> Double {
        if n < 8 {
            var result = 0.0
            for i in 0..<n { result += a[i] }
            return result
        }
        if n <= 128 {
            var r0 = a[0], r1 = a[1], r2 = a[2], r3 = a[3], r4 = a[4], r5 = a[5], r6 = a[6], r7 = a[7]
            var i = 8
            while i < n - (n % 8) {
                r0 += a[i]; r1 += a[i + 1]; r2 += a[i + 2]; r3 += a[i + 3]
                r4 += a[i + 4]; r5 += a[i + 5]; r6 += a[i + 6]; r7 += a[i + 7]
                i += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < n {
                result += a[i]
                i += 1
            }
            return result
        }
        var half = n / 2
        half -= half % 8
        return pairwise(a, half) + pairwise(a + half, n - half)
    }

    /// Population standard deviation (`np.std`, ddof 0): mean first, then mean squared deviation.
    package static func populationStandardDeviation(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return .nan }
        let n = Double(values.count)
        let mean = sum(values) / n
        let squares = values.map { ($0 - mean) * ($0 - mean) }
        return (sum(squares) / n).squareRoot()
    }

    /// `np.quantile(sorted, q)` with the default 'linear' method, for an ascending array.
    package static func quantile(sorted: [Double], _ q: Double) -> Double {
        let n = sorted.count
        precondition(n > 0, "quantile of an empty sample")
        let virtualIndex = Double(n - 1) * q
        if virtualIndex >= Double(n - 1) { return sorted[n - 1] }
        if virtualIndex < 0 { return sorted[0] }
        let previousIndex = virtualIndex.rounded(.down)
        let gamma = virtualIndex - previousIndex
        let a = sorted[Int(previousIndex)], b = sorted[Int(previousIndex) + 1]
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    /// `np.searchsorted(sorted, value, side='right')`: how many elements are ≤ value.
    package static func countNotGreater(_ sorted: [Double], than value: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// `np.searchsorted(sorted, value, side='left')`: how many elements are < value.
    package static func countLess<Sorted: RandomAccessCollection<Double>>(_ sorted: Sorted, than value: Double) -> Int
    where Sorted.Index == Int {
        var low = sorted.startIndex, high = sorted.endIndex
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low - sorted.startIndex
    }
}
