/*
 * lineio — lines of a file in bounded memory.
 *
 * getline(3) grows its buffer to the longest line, so one line of a
 * gigabyte (a file of zeros, a file with no newline) takes a gigabyte. Here
 * a line longer than the limit is read to its end but only its first `max`
 * bytes are kept: memory stays under max + 64 KiB whatever the input.
 */
#ifndef BD_LINEIO_H
#define BD_LINEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct bd_lines {
	FILE *f;
	size_t max;             /* bytes of a line kept */
	bool sniff;             /* stop reading a line longer than max (its
				 * length is then only known to be > max) */
	char *buf;              /* the current line, NUL-terminated */
	size_t cap;
	char *chunk;            /* read ahead */
	size_t pos, end;
} bd_lines;

void bd_lines_init(bd_lines *r, FILE *f, size_t max);
/* The next line, with its newline, NUL-terminated; it may hold NUL bytes.
 * *len is the line's whole length: more than max when it was too long, and
 * then only its first max bytes are there. NULL at the end of the file, on
 * a read error (see ferror) or when out of memory. The line stays valid
 * until the next call. */
char *bd_lines_next(bd_lines *r, size_t *len);
void bd_lines_free(bd_lines *r);

#endif
