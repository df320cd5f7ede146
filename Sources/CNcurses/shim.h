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

#endif
