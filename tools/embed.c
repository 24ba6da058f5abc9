/*
 * embed — writes a C source holding the bytes of data files, so the program
 * carries its bundled data (core/embedded.h) and one copied file is enough
 * on a host where nothing can be installed.
 *
 * usage: embed OUT.c NAME=FILE ...
 *
 * A build tool in plain C: xxd is not everywhere, and `ld -r -b binary`
 * differs between architectures. The output is written beside OUT.c and
 * renamed over it, so a failed run leaves no half file for make to trust.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, const char *path)
{
	fprintf(stderr, "embed: %s: %s: %s\n", path, what, strerror(errno));
	return -1;
}

/* One array of the file's bytes and a NUL, so the text is also a C string. */
static int write_array(FILE *out, int index, const char *path, long *len)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return fail("cannot open", path);
	fprintf(out, "static const unsigned char file%d[] = {", index);
	int c;
	long n = 0;
	while ((c = getc(in)) != EOF)
		fprintf(out, "%s%d,", n++ % 20 ? "" : "\n\t", c);
	fprintf(out, "\n\t0\n};\n\n");
	int bad = ferror(in);
	fclose(in);
	*len = n;
	return bad ? fail("cannot read", path) : 0;
}

static int write_source(FILE *out, int argc, char **argv)
{
	long *lens = calloc((size_t)argc, sizeof *lens);
	if (!lens)
		return fail("out of memory", argv[0]);
	fprintf(out, "/* Written by tools/embed from the files named below; do not edit. */\n"
		     "#include \"embedded.h\"\n\n");
	int rc = 0;
	for (int i = 0; i < argc && rc == 0; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i]) {
			errno = EINVAL;
			rc = fail("expected NAME=FILE", argv[i]);
		} else {
			rc = write_array(out, i, eq + 1, &lens[i]);
		}
	}
	if (rc == 0) {
		fprintf(out, "const bd_embedded bd_embedded_files[] = {\n");
		for (int i = 0; i < argc; i++) {
			char *eq = strchr(argv[i], '=');
			fprintf(out, "\t{ \"%.*s\", (const char *)file%d, %ld },  /* %s */\n",
				(int)(eq - argv[i]), argv[i], i, lens[i], eq + 1);
		}
		fprintf(out, "\t{ 0 }\n};\n");
	}
	free(lens);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: embed OUT.c NAME=FILE ...\n");
		return 2;
	}
	const char *target = argv[1];
	size_t n = strlen(target) + 5;
	char *tmp = malloc(n);
	if (!tmp)
		return 1;
	snprintf(tmp, n, "%s.tmp", target);
	FILE *out = fopen(tmp, "w");
	if (!out) {
		fail("cannot create", tmp);
		free(tmp);
		return 1;
	}
	int rc = write_source(out, argc - 2, argv + 2);
	if (fclose(out) != 0 && rc == 0)
		rc = fail("cannot write", tmp);
	if (rc == 0 && rename(tmp, target) != 0)
		rc = fail("cannot rename into place", tmp);
	if (rc != 0)
		remove(tmp);
	free(tmp);
	return rc == 0 ? 0 : 1;
}
