/*
 * lsan — what LeakSanitizer (make check) is not to report: leaks of the
 * libraries, not of breachdash. Compiled to nothing without ASan.
 *
 * libpanelw 6.4 allocates a pseudo-panel for stdscr on the first new_panel
 * and delscreen never frees it: one block of 32 bytes per screen, whatever
 * the program does (tests/valgrind.supp has the same suppression, and
 * make valgrind checks that it hides no more than that one block).
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BD_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define BD_LSAN 1
#endif

#ifdef BD_LSAN
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *__lsan_default_suppressions(void)
{
	return "leak:new_panel\n";
}

/* Quiet about it: the dashboard's stderr is its terminal. */
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#else
/* ISO C wants a translation unit to declare something. */
typedef int bd_lsan_unused;
#endif
