import Foundation

/// The exact finite-n methods behind `KolmogorovDistribution` for small n·x² (SciPy's
/// `_kolmogn_DMTW` and `_kolmogn_Pomeranz`).
extension KolmogorovDistribution {
    // MARK: Durbin matrix (Marsaglia–Tsang–Wang)

    /// Pr(D_n <= d) as the (k, k) entry of (n!/n^n)·H^n with exponent tracking (`_kolmogn_DMTW`).
    static func durbinMTW(n: Int, d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1

        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        for j in 1...m { v[j - 1] = 1.0 - pow(h, Double(j)) }
        var fac = 1.0
        for j in 1...m {
            w[j - 1] = fac
            fac /= Double(j)  // May underflow; harmless.
            v[j - 1] *= fac
        }
        let tt = pow(max(2 * h - 1.0, 0), Double(m)) - 2 * pow(h, Double(m))
        v[m - 1] = (1.0 + tt) * fac

        var hMat = [Double](repeating: 0, count: m * m)
        for i in 1..<max(m, 1) {
            for r in (i - 1)..<m { hMat[r * m + i] = w[r - (i - 1)] }
        }
        for r in 0..<m { hMat[r * m] = v[r] }
        for c in 0..<m { hMat[(m - 1) * m + c] = v[m - 1 - c] }

        var hPower = [Double](repeating: 0, count: m * m)
        for r in 0..<m { hPower[r * m + r] = 1 }
        var scratch = [Double](repeating: 0, count: m * m)
        var nn = n
        var exponent = 0  // scaling of hPower
        var hExponent = 0  // scaling of hMat
        while nn > 0 {
            if nn % 2 == 1 {
                multiplyPersymmetric(hPower, hMat, into: &scratch, m: m)
                swap(&hPower, &scratch)
                exponent += hExponent
            }
            nn /= 2
            // SciPy's final squaring is never used; skip it.
            if nn == 0 { break }
            multiplyPersymmetric(hMat, hMat, into: &scratch, m: m)
            swap(&hMat, &scratch)
            hExponent *= 2
            if abs(hMat[(k - 1) * m + (k - 1)]) > ep128 {
                for idx in hMat.indices { hMat[idx] /= ep128 }
                hExponent += e128
            }
        }

        var p = hPower[(k - 1) * m + (k - 1)]
        // Multiply by n!/n^n. SciPy computes i·p/n; p·(i/n) keeps the division off the serial
        // chain (same two roundings per step), which matters for n in the tens of thousands.
        let ndouble = Double(n)
        for i in 1...n {
            p *= Double(i) / ndouble
            if abs(p) < em128 {
                p *= ep128
                exponent -= e128
            }
        }
        if exponent != 0 { p = ksLdexp(p, exponent) }
        return clip(p)
    }

    /// c = a·b for m×m row-major persymmetric matrices that commute (powers of one persymmetric H),
    /// so c is persymmetric too: c[i][j] = c[m-1-j][m-1-i]. Only the triangle i + j <= m - 1 is
    /// computed (half the work), four rows at a time so each row of b is loaded once per block;
    /// the rest is mirrored. This runs at about the SSE2 peak of the baseline x86-64 target.
    private static func multiplyPersymmetric(_ a: [Double], _ b: [Double], into c: inout [Double], m: Int) {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    guard let aBase = pa.baseAddress, let bBase = pb.baseAddress,
                          let cBase = pc.baseAddress else { return }
                    var i = 0
                    while i < m {
                        let rows = min(4, m - i)
                        let width = m - i  // columns 0..<width cover the triangle for these rows
                        for r in 0..<rows { (cBase + (i + r) * m).update(repeating: 0, count: width) }
                        if rows == 4 {
                            let c0 = cBase + i * m, c1 = c0 + m, c2 = c1 + m, c3 = c2 + m
                            let a0 = aBase + i * m, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m
                            for kk in 0..<m {
                                let x0 = a0[kk], x1 = a1[kk], x2 = a2[kk], x3 = a3[kk]
                                let bRow = bBase + kk * m
                                for j in 0..<width {
                                    let bj = bRow[j]
                                    c0[j] += x0 * bj
                                    c1[j] += x1 * bj
                                    c2[j] += x2 * bj
                                    c3[j] += x3 * bj
                                }
                            }
                        } else {
                            for r in 0..<rows {
                                let cRow = cBase + (i + r) * m
                                let aRow = aBase + (i + r) * m
                                for kk in 0..<m {
                                    let x = aRow[kk]
                                    let bRow = bBase + kk * m
                                    for j in 0..<width { cRow[j] += x * bRow[j] }
                                }
                            }
                        }
                        i += rows
                    }
                    for i in 1..<max(m, 1) {
                        for j in (m - i)..<m {
                            cBase[i * m + j] = cBase[(m - 1 - j) * m + (m - 1 - i)]
                        }
                    }
                }
            }
        }
    }

    // MARK: Pomeranz recursion

    /// Row endpoints for the Pomeranz recursion (`_pomeranz_compute_j1j2`).
    private static func pomeranzJ1J2(_ i: Int, n: Int, ll: Int, ceilf: Int, roundf: Int) -> (Int, Int) {
        var j1: Int
        var j2: Int
        if i == 0 {
            j1 = -ll - ceilf - 1
            j2 = ll + ceilf - 1
        } else {
            let ip1div2 = (i + 1) / 2
            let ip1mod2 = (i + 1) % 2
            if ip1mod2 == 0 {
                if ip1div2 == n + 1 {
                    j1 = n - ll - ceilf - 1
                    j2 = n + ll + ceilf - 1
                } else {
                    j1 = ip1div2 - 1 - ll - roundf - 1
                    j2 = ip1div2 + ll - 1 + ceilf - 1
                }
            } else {
                j1 = ip1div2 - 1 - ll - 1
                j2 = ip1div2 + ll + roundf - 1
            }
        }
        return (max(j1 + 2, 0), min(j2, n))
    }

    /// Pr(D_n <= x) by the Pomeranz (1974) recursion (`_kolmogn_Pomeranz`).
    static func pomeranz(n: Int, x: Double) -> Double {
        let t = Double(n) * x
        let ll = Int(t.rounded(.down))
        let f = 1.0 * (t - Double(ll))
        let g = min(f, 1.0 - f)
        let ceilf = f > 0 ? 1 : 0
        let roundf = f > 0.5 ? 1 : 0
        let npwrs = 2 * (ll + 1)
        var gPower = [Double](repeating: 0, count: npwrs)
        var twoGPower = [Double](repeating: 0, count: npwrs)
        var oneMinus2GPower = [Double](repeating: 0, count: npwrs)
        gPower[0] = 1
        twoGPower[0] = 1
        oneMinus2GPower[0] = 1
        var exponent = 0
        let nd = Double(n)
        let gOverN = g / nd
        let twoGOverN = 2 * g / nd
        let oneMinusTwoGOverN = (1 - 2 * g) / nd
        for mm in 1..<max(npwrs, 1) {
            gPower[mm] = gPower[mm - 1] * gOverN / Double(mm)
            twoGPower[mm] = twoGPower[mm - 1] * twoGOverN / Double(mm)
            oneMinus2GPower[mm] = oneMinus2GPower[mm - 1] * oneMinusTwoGOverN / Double(mm)
        }

        var v0 = [Double](repeating: 0, count: npwrs)
        var v1 = [Double](repeating: 0, count: npwrs)
        v1[0] = 1
        var v0s = 0
        var v1s = 0
        var conv = [Double](repeating: 0, count: 2 * npwrs)

        var (j1, j2) = pomeranzJ1J2(0, n: n, ll: ll, ceilf: ceilf, roundf: roundf)
        for i in 1..<(2 * n + 2) {
            let k1 = j1
            swap(&v0, &v1)
            swap(&v0s, &v1s)
            for idx in v1.indices { v1[idx] = 0 }
            (j1, j2) = pomeranzJ1J2(i, n: n, ll: ll, ceilf: ceilf, roundf: roundf)
            let useG = i == 1 || i == 2 * n + 1
            let ln2 = j2 - k1 + 1
            guard ln2 > 0 else { continue }
            // conv = np.convolve(V0[k1 - V0s : k1 - V0s + ln2], pwrs[:ln2]); the slices never
            // start below 0 or run past the rows for x in Pomeranz's range, clamping is only a guard.
            let aStart = min(max(k1 - v0s, 0), npwrs)
            let aEnd = min(max(k1 - v0s + ln2, aStart), npwrs)
            let aLen = aEnd - aStart
            let bLen = min(ln2, npwrs)
            guard aLen > 0, bLen > 0 else { continue }
            let convLen = aLen + bLen - 1
            if conv.count < convLen { conv = [Double](repeating: 0, count: convLen) }
            let powers = useG ? gPower : (i % 2 == 1 ? twoGPower : oneMinus2GPower)
            for kk in 0..<convLen {
                var s = 0.0
                let lo = max(0, kk - bLen + 1)
                let hi = min(kk, aLen - 1)
                if lo <= hi {
                    for a in lo...hi { s += v0[aStart + a] * powers[kk - a] }
                }
                conv[kk] = s
            }
            let convStart = j1 - k1
            let convCount = j2 - j1 + 1
            var maxV1 = -Double.infinity
            if convCount > 0 && convStart >= 0 {
                for idx in 0..<min(convCount, npwrs) where convStart + idx < convLen {
                    v1[idx] = conv[convStart + idx]
                }
            }
            for value in v1 { maxV1 = max(maxV1, value) }
            // Rescale to avoid underflow.
            if 0 < maxV1 && maxV1 < em128 {
                for idx in v1.indices { v1[idx] *= ep128 }
                exponent -= e128
            }
            v1s = v0s + j1 - k1
        }

        // Multiply by n!.
        let index = n - v1s
        var ans = (index >= 0 && index < npwrs) ? v1[index] : 0
        for mm in 1...max(n, 1) {
            if abs(ans) > ep128 {
                ans *= em128
                exponent += e128
            }
            ans *= Double(mm)
        }
        if exponent != 0 { ans = ksLdexp(ans, exponent) }
        return clip(ans)
    }
}
