/// Rows of an embedding, row-major: what the whole-embedding tests read, where each row is one
/// point in space rather than one value per column.
package struct RowMatrix: Sendable, Equatable {
    package let columns: Int
    package private(set) var values: [Double]

    package init(columns: Int, values: [Double] = []) {
        precondition(columns > 0 && values.count % columns == 0, "whole rows only")
        self.columns = columns
        self.values = values
    }

    package var rows: Int { values.count / columns }

    package subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

    package func row(_ r: Int) -> ArraySlice<Double> { values[(r * columns)..<((r + 1) * columns)] }

    package mutating func append<Row: Collection>(row: Row) where Row.Element == Double {
        precondition(row.count == columns, "a row of \(columns) values")
        values.append(contentsOf: row)
    }

    package mutating func replace<Row: Collection>(row r: Int, with row: Row) where Row.Element == Double {
        var c = r * columns
        for value in row { values[c] = value; c += 1 }
    }

    /// The rows at `indices`, in that order.
    package func rows(_ indices: some Sequence<Int>) -> RowMatrix {
        var picked = RowMatrix(columns: columns)
        for r in indices { picked.values.append(contentsOf: row(r)) }
        return picked
    }

    /// This matrix's rows, then `other`'s.
    package func stacked(on other: RowMatrix) -> RowMatrix {
        precondition(other.columns == columns, "rows of one width")
        return RowMatrix(columns: columns, values: values + other.values)
    }

    /// Whether every value is finite (the tests take only such rows).
    package static func isFinite<Row: Collection>(_ row: Row) -> Bool where Row.Element == Double {
        row.allSatisfy(\.isFinite)
    }
}
