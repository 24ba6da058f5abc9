/*
 * text — neutralising text from data before it reaches a terminal, and
 * measuring it in terminal columns.
 *
 * Nothing from a data file reaches a terminal raw: control characters (C0,
 * DEL, C1), and so every escape sequence, are replaced; bidi overrides and
 * isolates are dropped; invalid UTF-8 becomes U+FFFD. In ASCII mode every
 * non-ASCII character becomes an ASCII stand-in ('?' where none is natural).
 * Widths come from wcwidth(3), so the caller must have set an LC_CTYPE locale
 * with setlocale; in a non-UTF-8 locale use ASCII mode.
 */
#ifndef BD_TEXT_H
#define BD_TEXT_H

#include <stdbool.h>
#include <stddef.h>

enum {
	BD_TEXT_ASCII = 1 << 0,         /* output plain ASCII */
	BD_TEXT_NEWLINES = 1 << 1,      /* keep \n (else it becomes a space) */
};

/* A sanitised copy; caller frees. NULL only when out of memory. NULL in,
 * "" out. */
char *bd_text_sanitize(const char *s, unsigned flags);
/* Display width of sanitised text. */
int bd_text_width(const char *s);
/* Bytes of the longest prefix of sanitised s that fits in cols columns;
 * *width (may be NULL) gets its width. */
size_t bd_text_fit(const char *s, int cols, int *width);
/* Bytes of the next line of sanitised text at s that fits in cols
 * columns, broken after a word where one fits (a word longer than the line
 * is cut). Word-wrapping in every renderer uses this. */
size_t bd_text_line(const char *s, int cols);
/* Decode one UTF-8 character at s (n bytes available). Returns its length
 * (1..4) and sets *cp, or returns 0 for an invalid or truncated sequence. */
size_t bd_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
bool bd_utf8_valid(const char *s, size_t n);

#endif
