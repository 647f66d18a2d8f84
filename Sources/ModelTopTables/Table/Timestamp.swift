/// Timestamps in the two forms the serving stack writes: Unix seconds or ISO-8601.
package enum Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z, or nil when `text` is neither form.
    ///
    /// ISO-8601: `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM[:SS[.fff]]`, then
    /// optionally `Z` or `±HH[:]MM`. A time without a zone is taken as UTC.
    package static func parse(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        if case .number(let seconds) = DecimalParser.parse(base, start, end), seconds.isFinite {
            return seconds
        }
        return parseISO8601(Array(UnsafeBufferPointer(start: base + start, count: end - start)))
    }

    package static func parse(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            return parse(base, 0, buffer.count)
        }
    }

    static func parseISO8601(_ bytes: [UInt8]) -> Double? {
        var k = 0
        func digits(_ count: Int) -> Int? {
            guard k + count <= bytes.count else { return nil }
            var value = 0
            for _ in 0..<count {
                let byte = bytes[k]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                k += 1
            }
            return value
        }
        func expect(_ character: Character) -> Bool {
            guard k < bytes.count, bytes[k] == character.asciiValue else { return false }
            k += 1
            return true
        }
        while k < bytes.count, bytes[k] == 0x20 { k += 1 }
        guard let year = digits(4), expect("-"), let month = digits(2), expect("-"), let day = digits(2),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if k < bytes.count, bytes[k] == UInt8(ascii: "T") || bytes[k] == UInt8(ascii: " ") {
            k += 1
            guard let hour = digits(2), expect(":"), let minute = digits(2), hour < 24, minute < 60 else { return nil }
            seconds += Double(hour * 3600 + minute * 60)
            if expect(":") {
                guard let second = digits(2), second <= 60 else { return nil }
                seconds += Double(second)
                if expect(".") || expect(",") {
                    var scale = 0.1
                    var sawDigit = false
                    while k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39 {
                        seconds += Double(bytes[k] - 0x30) * scale
                        scale /= 10
                        sawDigit = true
                        k += 1
                    }
                    guard sawDigit else { return nil }
                }
            }
            if expect("Z") || expect("z") {
            } else if k < bytes.count, bytes[k] == UInt8(ascii: "+") || bytes[k] == UInt8(ascii: "-") {
                let sign = bytes[k] == UInt8(ascii: "+") ? 1.0 : -1.0
                k += 1
                guard let offsetHours = digits(2) else { return nil }
                _ = expect(":")
                guard let offsetMinutes = digits(2), offsetHours < 24, offsetMinutes < 60 else { return nil }
                seconds -= sign * Double(offsetHours * 3600 + offsetMinutes * 60)
            }
        }
        while k < bytes.count, bytes[k] == 0x20 { k += 1 }
        return k == bytes.count ? seconds : nil
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Howard Hinnant's days_from_civil: days since 1970-01-01 in the proleptic Gregorian calendar.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
