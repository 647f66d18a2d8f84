import CNcursesw
import Testing
import ModelTopUI
import ModelTopTerminal

/// Every key the dashboard reacts to decodes from what `wget_wch` returns.
@Suite struct KeyDecoderTests {
    func character(_ code: UInt32) -> DecodedInput? { KeyDecoder.decode(code: code, isKeyCode: false) }
    func keyCode(_ code: Int32) -> DecodedInput? { KeyDecoder.decode(code: UInt32(bitPattern: code), isKeyCode: true) }

    @Test func controlCharacters() {
        #expect(character(9) == .key(.tab))
        #expect(character(10) == .key(.enter))
        #expect(character(13) == .key(.enter))
        #expect(character(27) == .key(.escape))
        #expect(character(127) == .key(.backspace))
        #expect(character(8) == .key(.backspace))
        #expect(character(12) == .key(.control("l")))
        #expect(character(1) == .key(.control("a")))
        #expect(character(26) == .key(.control("z")))
        #expect(character(3) == .interrupt, "Ctrl-C read as a byte still stops the dashboard")
    }

    @Test func printableAndUTF8Characters() {
        #expect(character(UInt32(UInt8(ascii: "q"))) == .key(.character("q")))
        #expect(character(UInt32(UInt8(ascii: "?"))) == .key(.character("?")))
        #expect(character(0xE9) == .key(.character("é")))
        #expect(character(0x4E16) == .key(.character("世")))
        #expect(character(0x1F600) == .key(.character("😀")))
    }

    @Test func controlsThatAreNotKeysAreDropped() {
        #expect(character(0) == nil)
        #expect(character(0x1C) == nil)
        #expect(character(0x9B) == nil, "C1 CSI never becomes a character")
        #expect(character(0xD800) == nil, "a lone surrogate is not a scalar")
    }

    @Test func cursesKeyCodes() {
        #expect(keyCode(KEY_UP) == .key(.up))
        #expect(keyCode(KEY_DOWN) == .key(.down))
        #expect(keyCode(KEY_LEFT) == .key(.left))
        #expect(keyCode(KEY_RIGHT) == .key(.right))
        #expect(keyCode(KEY_PPAGE) == .key(.pageUp))
        #expect(keyCode(KEY_NPAGE) == .key(.pageDown))
        #expect(keyCode(KEY_HOME) == .key(.home))
        #expect(keyCode(KEY_END) == .key(.end))
        #expect(keyCode(KEY_ENTER) == .key(.enter))
        #expect(keyCode(KEY_BTAB) == .key(.backTab))
        #expect(keyCode(KEY_BACKSPACE) == .key(.backspace))
        #expect(keyCode(KEY_DC) == .key(.delete))
        #expect(keyCode(modeltop_key_f(1)) == .key(.function(1)))
        #expect(keyCode(modeltop_key_f(12)) == .key(.function(12)))
        #expect(keyCode(modeltop_key_resize()) == .resize)
        #expect(keyCode(KEY_MOUSE) == nil)
    }
}
