#ifndef MODELTOP_CNCURSESW_SHIM_H
#define MODELTOP_CNCURSESW_SHIM_H

// Wide-character curses: cchar_t, setcchar, wadd_wch, get_wch.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <wchar.h>

// Macros and globals exposed as functions, so Swift never touches curses' mutable globals.
static inline int modeltop_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t modeltop_a_bold(void) { return A_BOLD; }
static inline attr_t modeltop_a_reverse(void) { return A_REVERSE; }
static inline attr_t modeltop_a_dim(void) { return A_DIM; }
static inline attr_t modeltop_a_underline(void) { return A_UNDERLINE; }
static inline attr_t modeltop_a_normal(void) { return A_NORMAL; }
static inline int modeltop_colors(void) { return COLORS; }
static inline int modeltop_color_pairs(void) { return COLOR_PAIRS; }
static inline int modeltop_key_resize(void) { return KEY_RESIZE; }
static inline int modeltop_key_code_yes(void) { return KEY_CODE_YES; }
static inline int modeltop_key_f(int n) { return KEY_F(n); }
static inline int modeltop_err(void) { return ERR; }
static inline int modeltop_ok(void) { return OK; }
static inline int modeltop_cchar_max(void) { return CCHARW_MAX; }

// The window `newterm` made current, read once right after `newterm` and kept by the caller.
static inline WINDOW *modeltop_current_screen_window(void) { return stdscr; }
// The physical screen, for `clearok(curscr, TRUE)` on Ctrl-L.
static inline WINDOW *modeltop_current_physical_window(void) { return curscr; }

// Window size: `getmaxy`/`getmaxx` are macros over the window struct.
static inline int modeltop_window_height(const WINDOW *window) { return getmaxy(window); }
static inline int modeltop_window_width(const WINDOW *window) { return getmaxx(window); }

// The codeset of the current locale ("UTF-8" when wide text can be drawn as is).
static inline const char *modeltop_locale_codeset(void) { return nl_langinfo(CODESET); }

#endif
