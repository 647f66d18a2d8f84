import ModelTopBase

// Checkpoints (issue 15): production's whole-embedding summaries are restored, never recounted.

extension CompensatedSum {
    func write(to writer: inout BinaryWriter) {
        writer.double(total)
        writer.double(compensation)
    }

    init(reading reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init()
        total = try reader.double()
        compensation = try reader.double()
    }
}

extension ReconstructionTally {
    package func write(to writer: inout BinaryWriter) {
        writer.int(count)
        writer.double(shift)
        sum.write(to: &writer)
        squares.write(to: &writer)
    }

    package init(reading reader: inout BinaryReader) throws(BinaryDecodingError) {
        self.init()
        count = try reader.int()
        shift = try reader.double()
        sum = try CompensatedSum(reading: &reader)
        squares = try CompensatedSum(reading: &reader)
        guard count >= 0 else { throw BinaryDecodingError(reason: "reconstruction tally") }
    }
}

extension ReconstructionChunks {
    func write(to writer: inout BinaryWriter) {
        writer.int(chunkSize)
        writer.int(complete.count)
        for tally in complete { tally.write(to: &writer) }
        filling.write(to: &writer)
        whole.write(to: &writer)
    }

    init(reading reader: inout BinaryReader, chunkSize expected: Int) throws(BinaryDecodingError) {
        guard try reader.int() == expected else { throw BinaryDecodingError(reason: "reconstruction chunk size") }
        self.init(chunkSize: expected)
        let count = try reader.int()
        guard count >= 0 else { throw BinaryDecodingError(reason: "reconstruction chunks") }
        for _ in 0..<count { complete.append(try ReconstructionTally(reading: &reader)) }
        filling = try ReconstructionTally(reading: &reader)
        whole = try ReconstructionTally(reading: &reader)
        guard complete.allSatisfy({ $0.count == expected }), filling.count < expected,
              whole.count == count * expected + filling.count else { throw BinaryDecodingError(reason: "reconstruction chunks") }
    }
}

extension RowReservoir {
    func write(to writer: inout BinaryWriter) {
        writer.int(capacity)
        writer.int(seen)
        writer.int(Int(bitPattern: UInt(generator.state)))
        writer.int(nextTaken)
        writer.double(weight)
        writer.doubles(rows.values)
        writer.ints(indices)
    }

    init(reading reader: inout BinaryReader, columns: Int) throws(BinaryDecodingError) {
        let capacity = try reader.int(), seen = try reader.int()
        let state = UInt64(UInt(bitPattern: try reader.int()))
        let nextTaken = try reader.int(), weight = try reader.double()
        let values = try reader.doubles(), indices = try reader.ints()
        guard capacity > 0, seen >= 0, columns > 0, values.count % columns == 0, values.count / columns == indices.count,
              indices.count == min(seen, capacity), nextTaken >= 0, weight > 0, weight <= 1
        else { throw BinaryDecodingError(reason: "row sample") }
        self.init(columns: columns, capacity: capacity, seed: state)
        self.rows = RowMatrix(columns: columns, values: values)
        self.indices = indices
        self.seen = seen
        self.nextTaken = nextTaken
        self.weight = weight
    }
}

extension ProductionEmbedding {
    package func write(to writer: inout BinaryWriter) {
        writer.int(rows)
        writer.bool(chunks != nil)
        chunks?.write(to: &writer)
        sample.write(to: &writer)
    }

    package init(reading reader: inout BinaryReader, reference: ReferenceEmbedding) throws(BinaryDecodingError) {
        self.init(reference: reference)
        rows = try reader.int()
        let hasChunks = try reader.bool()
        guard hasChunks == (chunks != nil) else { throw BinaryDecodingError(reason: "reconstruction baseline") }
        if let size = chunks?.chunkSize { chunks = try ReconstructionChunks(reading: &reader, chunkSize: size) }
        sample = try RowReservoir(reading: &reader, columns: reference.sample.rows.columns)
        guard rows >= sample.seen, chunks.map({ $0.whole.count == rows }) ?? true else {
            throw BinaryDecodingError(reason: "embedding summaries")
        }
    }
}
