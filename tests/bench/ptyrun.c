/*
 * ptyrun — drives a program in a pseudo-terminal and measures what the user
 * would feel: time to the first complete frame, time and bytes written for
 * each key, CPU used while idle, peak memory. Used by `make bench` and by
 * the tests of the bench itself.
 *
 *   ptyrun [-o FILE] COLS ROWS CMD [ARGS...] < script
 *
 * -o FILE appends every byte the program writes to FILE, for tests that
 * inspect the raw output (tests/tui/injection.sh).
 * Script lines: `frame` (wait for the first frame), `key NAME` (send a key:
 * a character, or down up pgdn pgup end home enter esc tab), `text STRING`
 * (send characters), `idle SECONDS`, `rss`, `quit`, `hangup` (close the
 * terminal and wait up to 5 s for the program to end), `limit MS [QUIET]`
 * (how long a key waits for its output to start, 20000 until set, and the
 * quiet that ends it, 150). Each prints one
 * result line: `frame MS BYTES`, `key NAME MS BYTES`, `idle TICKS`, `rss KB`,
 * `hangup exit STATUS` (or `signal N`, or `running`).
 * A burst of output ends after 150 ms of quiet; times run from the start
 * (or the key) to the last byte of the burst.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int master = -1;
static pid_t child;
static long long total_bytes;
static FILE *dump;              /* -o FILE */
static double key_limit = 20000;        /* ms a key waits for its output */
static double key_quiet = 150;          /* ms of quiet that end it */

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Reads until `quiet` ms pass without output (or `limit` ms in all).
 * Returns bytes read; *last gets the time of the last byte. */
static long drain(double quiet, double limit, double *last)
{
	char buf[65536];
	long got = 0;
	double start = now_ms();
	*last = start;
	for (;;) {
		double t = now_ms();
		double wait = (got ? *last : start) + quiet - t;
		if (!got)
			wait = start + limit - t;
		if (wait <= 0 || t - start > limit)
			break;
		struct pollfd p = { master, POLLIN, 0 };
		int r = poll(&p, 1, (int)wait + 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		ssize_t n = read(master, buf, sizeof buf);
		if (n <= 0)
			break;
		if (dump)
			fwrite(buf, 1, (size_t)n, dump);
		got += n;
		*last = now_ms();
	}
	total_bytes += got;
	return got;
}

static const char *keyseq(const char *name)
{
	static const struct { const char *name, *seq; } keys[] = {
		{ "down", "\033OB" }, { "up", "\033OA" }, { "pgdn", "\033[6~" }, { "pgup", "\033[5~" },
		{ "end", "\033OF" }, { "home", "\033OH" }, { "enter", "\r" }, { "esc", "\033" },
		{ "tab", "\t" }, { "space", " " },
	};
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(keys[i].name, name))
			return keys[i].seq;
	return name;
}

static long cpu_ticks(void)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)child);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	long utime = 0, stime = 0;
	if (p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %ld %ld", &utime, &stime) == 2)
		return utime + stime;
	return -1;
}

static long peak_rss_kb(void)
{
	char path[64], line[256];
	long kb = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)child);
	FILE *f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = strtol(line + 6, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* Closes the terminal; the program's end, as a result line. */
static void hangup(void)
{
	close(master);
	master = -1;
	int status;
	for (int i = 0; i < 500; i++) {
		if (waitpid(child, &status, WNOHANG) == child) {
			if (WIFEXITED(status))
				printf("hangup exit %d\n", WEXITSTATUS(status));
			else
				printf("hangup signal %d\n", WTERMSIG(status));
			child = 0;
			return;
		}
		usleep(10000);
	}
	puts("hangup running");
}

int main(int argc, char **argv)
{
	if (argc > 2 && !strcmp(argv[1], "-o")) {
		if (!(dump = fopen(argv[2], "ab"))) {
			perror(argv[2]);
			return 2;
		}
		argv += 2;
		argc -= 2;
	}
	if (argc < 4) {
		fputs("usage: ptyrun [-o FILE] COLS ROWS CMD [ARGS...] < script\n", stderr);
		return 2;
	}
	struct winsize ws = { (unsigned short)atoi(argv[2]), (unsigned short)atoi(argv[1]), 0, 0 };
	double t0 = now_ms();
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		perror("forkpty");
		return 1;
	}
	if (child == 0) {
		execvp(argv[3], argv + 3);
		_exit(127);
	}
	char line[512];
	double last;
	while (fgets(line, sizeof line, stdin)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "frame", 5)) {
			long n = drain(150, 10000, &last);
			printf("frame %.2f %ld\n", last - t0, n);
		} else if (!strncmp(line, "key ", 4) || !strncmp(line, "text ", 5)) {
			const char *arg = strchr(line, ' ') + 1;
			const char *seq = line[0] == 'k' ? keyseq(arg) : arg;
			double start = now_ms();
			if (write(master, seq, strlen(seq)) < 0)
				break;
			long n = drain(key_quiet, key_limit, &last);
			printf("key %s %.2f %ld\n", arg, n ? last - start : 0.0, n);
		} else if (!strncmp(line, "idle ", 5)) {
			long before = cpu_ticks();
			double secs = atof(line + 5);
			drain(secs * 1000, secs * 1000, &last);
			printf("idle %ld\n", cpu_ticks() - before);
		} else if (!strcmp(line, "rss")) {
			printf("rss %ld\n", peak_rss_kb());
		} else if (!strcmp(line, "quit")) {
			if (write(master, "q", 1) < 0)
				break;
			drain(150, 3000, &last);
		} else if (!strncmp(line, "limit ", 6)) {
			char *end;
			key_limit = strtod(line + 6, &end);
			if (*end)
				key_quiet = atof(end);
			puts("limit");
		} else if (!strcmp(line, "hangup")) {
			hangup();
			fflush(stdout);
			break;
		}
		fflush(stdout);
	}
	if (child > 0) {
		kill(child, SIGTERM);
		int status;
		waitpid(child, &status, 0);
	}
	if (dump)
		fclose(dump);
	return 0;
}
