#ifndef WAYPOINT_CNCURSES_SHIM_H
#define WAYPOINT_CNCURSES_SHIM_H

// The wide-character API (get_wch, setcchar, mvadd_wch) is only declared with these.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <curses.h>
#include <term.h>

// Swift cannot call function-like macros or read C globals under strict concurrency,
// so each one the backend needs has a small accessor here.
static inline WINDOW *wp_stdscr(void) { return stdscr; }
static inline int wp_lines(void) { return LINES; }
static inline int wp_cols(void) { return COLS; }
static inline int wp_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline attr_t wp_a_bold(void) { return A_BOLD; }
static inline attr_t wp_a_underline(void) { return A_UNDERLINE; }
static inline attr_t wp_a_reverse(void) { return A_REVERSE; }
static inline attr_t wp_a_dim(void) { return A_DIM; }
static inline attr_t wp_a_normal(void) { return A_NORMAL; }
static inline int wp_key_f(int n) { return KEY_F(n); }
static inline int wp_colors(void) { return COLORS; }

/// Draws one grapheme cluster (given as wide characters) at (y, x) with attributes and colour pair.
static inline int wp_put_cell(int y, int x, const wchar_t *wch, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, wch, attrs, pair, NULL) != OK) return ERR;
    return mvadd_wch(y, x, &cc);
}

/// Why the terminal named by TERM cannot show a full screen, asked before curses starts
/// (initscr would print its own message and exit): 0 it can; 1 terminfo has no entry for
/// it (or TERM is unset); 2 there is no terminfo database; 3 it cannot move the cursor
/// (dumb, hardcopy or generic terminals).
static inline int wp_terminal_problem(void) {
    int err = 0;
    if (setupterm(NULL, 1, &err) != OK) return err == -1 ? 2 : 1;
    const char *cup = tigetstr("cup");
    int problem = (cup == NULL || cup == (char *)-1 || tigetflag("hc") > 0 || tigetflag("gn") > 0) ? 3 : 0;
    del_curterm(cur_term);
    return problem;
}

/// The `colors` capability of terminal `term` from the terminfo database, read by ncurses
/// without starting the screen: -1 when the entry has none, -2 when there is no entry
/// (or no database), -3 when it cannot move the cursor.
static inline int wp_terminal_colours(const char *term) {
    int err = 0;
    if (setupterm(term, -1, &err) != OK) return -2;
    const char *cup = tigetstr("cup");
    int colours = tigetnum("colors");
    int cannotMove = cup == NULL || cup == (char *)-1 || tigetflag("hc") > 0 || tigetflag("gn") > 0;
    del_curterm(cur_term);
    if (cannotMove) return -3;
    return colours < 0 ? -1 : colours;
}

/// Starts curses on standard output and input; 0 when the terminal cannot be used (where
/// initscr would exit the process).
static inline int wp_start_screen(void) {
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (screen == NULL) return 0;
    set_term(screen);
    return 1;
}

/// After the process was stopped and continued: the whole screen is sent again on the next refresh.
static inline void wp_redraw_all(void) { clearok(curscr, TRUE); }

#endif
