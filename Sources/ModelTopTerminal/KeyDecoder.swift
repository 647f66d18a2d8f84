import CNcursesw
import ModelTopUI

/// What one read from curses means to the dashboard.
package enum DecodedInput: Sendable, Equatable {
    case key(Key)
    /// The terminal changed size (curses has already resized its window).
    case resize
    /// Ctrl-C read as a byte (when it does not arrive as SIGINT).
    case interrupt
}

/// Turns `wget_wch` results into keys. Pure, so every mapping is unit-tested without a terminal.
package enum KeyDecoder {
    /// Decodes a `wget_wch` value; `isKeyCode` is true when curses returned `KEY_CODE_YES`.
    package static func decode(code: UInt32, isKeyCode: Bool) -> DecodedInput? {
        isKeyCode ? decodeKeyCode(Int32(bitPattern: code)) : decodeCharacter(code)
    }

    static func decodeKeyCode(_ code: Int32) -> DecodedInput? {
        switch code {
        case modeltop_key_resize(): return .resize
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1: return .key(.end)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case modeltop_key_f(1)...modeltop_key_f(24): return .key(.function(Int(code - modeltop_key_f(0))))
        default: return nil
        }
    }

    static func decodeCharacter(_ code: UInt32) -> DecodedInput? {
        switch code {
        case 3: return .interrupt
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            return .key(.control(Character(Unicode.Scalar(UInt8(code) + 0x60))))
        case 0, 28...31, 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }
}
