import Testing
import ModelTopUI
import ModelTopTerminal

/// Only changed cells reach curses; a new size or a first frame repaints after an erase.
@Suite struct FrameDiffTests {
    @Test func firstFrameDrawsEveryNonBlankCellButNotWideCharacterHalves() {
        var canvas = Canvas(width: 6, height: 2)
        canvas.write("a世b", x: 0, y: 0)
        #expect(FrameDiff.between(nil, canvas) == .full([0, 1, 3]))
    }

    @Test func identicalFramesDrawNothing() {
        var canvas = Canvas(width: 10, height: 3)
        canvas.write("drift 0.91", x: 0, y: 1)
        #expect(FrameDiff.between(canvas, canvas) == .partial([]))
    }

    @Test func onlyChangedCellsAreDrawn() {
        var old = Canvas(width: 10, height: 2)
        old.write("PSI 0.91", x: 0, y: 0)
        var new = old
        new.write("PSI 0.92", x: 0, y: 0)
        #expect(FrameDiff.between(old, new) == .partial([7]))
    }

    @Test func aStyleChangeIsAChange() {
        var old = Canvas(width: 4, height: 1)
        old.write("ok", x: 0, y: 0)
        var new = Canvas(width: 4, height: 1)
        new.write("ok", x: 0, y: 0, style: CellStyle(foreground: .red, bold: true))
        #expect(FrameDiff.between(old, new) == .partial([0, 1]))
    }

    @Test func replacingNarrowTextWithAWideCharacterDrawsItsLeftHalfOnly() {
        var old = Canvas(width: 4, height: 1)
        old.write("abcd", x: 0, y: 0)
        var new = old
        new.write("世", x: 1, y: 0)
        #expect(FrameDiff.between(old, new) == .partial([1]))
    }

    @Test func replacingAWideCharacterWithNarrowTextDrawsBothCells() {
        var old = Canvas(width: 4, height: 1)
        old.write("a世d", x: 0, y: 0)
        var new = old
        new.write("bc", x: 1, y: 0)
        #expect(FrameDiff.between(old, new) == .partial([1, 2]))
    }

    @Test func aNewSizeRepaintsEverything() {
        var old = Canvas(width: 4, height: 1)
        old.write("abcd", x: 0, y: 0)
        var new = Canvas(width: 5, height: 1)
        new.write("abcd", x: 0, y: 0)
        #expect(FrameDiff.between(old, new) == .full([0, 1, 2, 3]))
    }
}
