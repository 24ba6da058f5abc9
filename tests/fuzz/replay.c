/*
 * replay — runs a fuzz target (linked in) over files, without libFuzzer:
 * the seed corpus and the saved crash inputs, in the normal and sanitizer
 * builds, from tests/cli/fuzz_regress.sh.
 *
 *   replay_TARGET FILE|DIR ...
 *
 * Prints one TAP line per file; a failing input aborts (the oracles in
 * fuzz.h, or a sanitizer), which the test counts as a failure.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int n;

static void replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		printf("not ok %d - %s: cannot open\n", ++n, path);
		return;
	}
	size_t cap = 4096, len = 0;
	uint8_t *buf = malloc(cap);
	size_t got;
	while (buf && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap) {
			uint8_t *grown = realloc(buf, cap *= 2);
			if (!grown)
				free(buf);
			buf = grown;
		}
	}
	fclose(f);
	if (!buf) {
		printf("not ok %d - %s: out of memory\n", ++n, path);
		return;
	}
	/* libFuzzer hands over exactly len bytes: an exact copy catches reads
	 * past the end under ASan. */
	uint8_t *exact = malloc(len ? len : 1);
	memcpy(exact, buf, len);
	free(buf);
	fflush(stdout);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	printf("ok %d - %s\n", ++n, path);
	fflush(stdout);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void replay(const char *path)
{
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct dirent **ents;
		int k = scandir(path, &ents, NULL, by_name);
		for (int i = 0; i < k; i++) {
			char *child = NULL;
			if (ents[i]->d_name[0] != '.' &&
			    asprintf(&child, "%s/%s", path, ents[i]->d_name) >= 0)
				replay(child);
			free(child);
			free(ents[i]);
		}
		free(ents);
		return;
	}
	replay_file(path);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: replay FILE|DIR ...\n", stderr);
		return 2;
	}
	for (int i = 1; i < argc; i++)
		replay(argv[i]);
	printf("1..%d\n", n);
	return 0;
}
