/*
 * output — the command line's standard output, checked.
 *
 * stdio remembers only that a write failed, not why, and a command's last
 * fflush may well succeed after an earlier write hit a full disk. So
 * stdout goes through a thin layer that keeps the first error, and a
 * command whose output was not all written exits 1 with the reason.
 */
#ifndef BD_OUTPUT_H
#define BD_OUTPUT_H

/* Before a command writes anything. */
void output_watch(void);
/* After it: rc, or 1 when the output could not all be written, with a
 * message on stderr (none for a closed pipe: the reader has gone). */
int output_finish(int rc);

#endif
