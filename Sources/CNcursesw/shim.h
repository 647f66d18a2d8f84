#ifndef MODELTOP_CNCURSESW_SHIM_H
#define MODELTOP_CNCURSESW_SHIM_H

// Wide-character curses: cchar_t, setcchar, wadd_wch, get_wch.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <locale.h>
#include <wchar.h>

// Macros and globals exposed as functions, so Swift never touches curses' mutable globals.
static inline int modeltop_color_pair(int n) { return COLOR_PAIR(n); }
static inline attr_t modeltop_a_bold(void) { return A_BOLD; }
static inline attr_t modeltop_a_reverse(void) { return A_REVERSE; }
static inline attr_t modeltop_a_dim(void) { return A_DIM; }
static inline attr_t modeltop_a_underline(void) { return A_UNDERLINE; }
static inline attr_t modeltop_a_normal(void) { return A_NORMAL; }
static inline int modeltop_colors(void) { return COLORS; }
static inline int modeltop_key_resize(void) { return KEY_RESIZE; }
static inline int modeltop_err(void) { return ERR; }
static inline int modeltop_ok(void) { return OK; }

#endif
