#ifndef MODELTOP_CRASH_GUARD_H
#define MODELTOP_CRASH_GUARD_H

// The crash guard. A fatal signal while curses owns the terminal (a trap, a segfault, abort)
// would leave it in the alternate screen with the cursor hidden and keypad mode on. Installed
// while the dashboard runs; see crash_guard.c.

// Saves the terminal modes of standard input and installs the guard for every fatal signal.
void modeltop_crash_guard_install(void);

// Puts back the handlers that were there before `modeltop_crash_guard_install`.
void modeltop_crash_guard_remove(void);

#endif
