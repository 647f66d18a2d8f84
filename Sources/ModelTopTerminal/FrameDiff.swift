import ModelTopUI

/// Which cells to send to curses for a new frame: only those that changed since the last one.
///
/// Pure, so the "no flicker, no redundant output" promise is unit-tested. A different size (or
/// no previous frame) means a full repaint after `werase`; blank cells are then skipped because
/// `werase` already blanked them.
package enum FrameDiff: Equatable, Sendable {
    /// Erase the window, then draw these cell indices.
    case full([Int])
    /// Draw these cell indices over what is there.
    case partial([Int])

    package static func between(_ old: Canvas?, _ new: Canvas) -> FrameDiff {
        guard let old, old.width == new.width, old.height == new.height else {
            return .full(new.cells.indices.filter { new.cells[$0] != .blank && !new.cells[$0].text.isEmpty })
        }
        var changed: [Int] = []
        for index in new.cells.indices where new.cells[index] != old.cells[index] && !new.cells[index].text.isEmpty {
            changed.append(index)
        }
        return .partial(changed)
    }
}
