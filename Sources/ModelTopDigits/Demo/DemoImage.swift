/// One image of `digits.csv`: its row id, its true class and its pixels.
package struct DemoImage: Sendable, Equatable {
    package var id: Int
    package var label: String
    package var pixels: [Double]

    package init(id: Int, label: String, pixels: [Double]) {
        self.id = id
        self.label = label
        self.pixels = pixels
    }

    /// Every row of a digits CSV (`id,label,p0..`), in file order.
    package static func parse(csv text: String) throws(DemoError) -> [DemoImage] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard let header = lines.next() else { throw .invalidDigits(line: 1, reason: "empty file") }
        let layout: DigitCSV
        do { layout = try DigitCSV(header: String(header)) } catch { throw .invalidDigits(line: 1, reason: "\(error)") }
        var images: [DemoImage] = []
        var number = 1
        while let line = lines.next() {
            number += 1
            let text = String(line)
            let image: DigitImage
            do { image = try layout.image(line: text, lineNumber: number, maxValue: 16) } catch {
                throw .invalidDigits(line: number, reason: "\(error)")
            }
            guard let idText = layout.id(of: text), let id = Int(idText), let label = image.label else {
                throw .invalidDigits(line: number, reason: "needs an integer id and a label")
            }
            images.append(DemoImage(id: id, label: label, pixels: image.pixels))
        }
        return images
    }
}
