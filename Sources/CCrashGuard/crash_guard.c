// In C, because a signal handler may only do async-signal-safe work (no allocation, no locks),
// which Swift code cannot promise.
#include "crash_guard.h"

#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

static struct termios saved_termios;
static volatile sig_atomic_t has_termios;
static struct sigaction previous[NSIG];
static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
// While the guard is on, standard error goes to a memory file instead of over the curses
// screen (where the runtime's "Fatal error: …" would be drawn and then wiped by the screen
// change); it is replayed onto the real standard error once the terminal is back.
static volatile sig_atomic_t saved_stderr = -1;
static volatile sig_atomic_t captured_stderr = -1;

// Points fd 2 back at the real standard error and copies what was captured there.
static void replay_stderr(void) {
    if (saved_stderr < 0) return;
    dup2(saved_stderr, STDERR_FILENO);
    if (captured_stderr >= 0) {
        char buffer[4096];
        ssize_t got;
        lseek(captured_stderr, 0, SEEK_SET);
        while ((got = read(captured_stderr, buffer, sizeof buffer)) > 0) {
            ssize_t ignored = write(STDERR_FILENO, buffer, (size_t)got);
            (void)ignored;
        }
    }
}
#define FATAL_COUNT (sizeof fatal_signals / sizeof fatal_signals[0])

// Writes the reset sequences (attributes, leave the alternate screen, show the cursor, keypad
// off), puts the saved modes back and says so; then hands the signal to the handler that was
// there before (Swift's backtracer, now writing to a sane terminal) or to the default action.
static void crash_handler(int signal, siginfo_t *info, void *context) {
    (void)context;
    static const char reset[] = "\033[0m\033[?1049l\033[?25h\033[?1l\033>\r\n";
    static const char note[] = "modeltop: crashed; the terminal was restored\n";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    if (has_termios) tcsetattr(STDIN_FILENO, TCSANOW, &saved_termios);
    replay_stderr();
    ignored = write(STDERR_FILENO, note, sizeof note - 1);
    (void)ignored;
    sigaction(signal, &previous[signal], NULL);
    // A fault re-executes the faulting instruction on return and so reaches the previous handler
    // with its real context; a signal that was sent (kill, raise, abort) is sent again.
    if (info == NULL || info->si_code <= 0) raise(signal);
}

void modeltop_crash_guard_install(void) {
    has_termios = tcgetattr(STDIN_FILENO, &saved_termios) == 0;
    int capture = memfd_create("modeltop-stderr", MFD_CLOEXEC);
    int original = capture >= 0 ? fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3) : -1;
    if (capture >= 0 && original >= 0 && dup2(capture, STDERR_FILENO) >= 0) {
        saved_stderr = original;
        captured_stderr = capture;
    } else {
        if (capture >= 0) close(capture);
        if (original >= 0) close(original);
    }
    for (size_t k = 0; k < FATAL_COUNT; k++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = crash_handler;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(fatal_signals[k], &action, &previous[fatal_signals[k]]);
    }
}

void modeltop_crash_guard_remove(void) {
    for (size_t k = 0; k < FATAL_COUNT; k++) sigaction(fatal_signals[k], &previous[fatal_signals[k]], NULL);
    replay_stderr();
    if (saved_stderr >= 0) close(saved_stderr);
    if (captured_stderr >= 0) close(captured_stderr);
    saved_stderr = -1;
    captured_stderr = -1;
}
