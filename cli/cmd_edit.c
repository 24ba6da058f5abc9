/*
 * breachdash new, breachdash edit ID: one incident as native JSON in the
 * user's editor, as crontab -e and kubectl edit do it. The text goes to a
 * private temporary file; on save it is validated and stored in one
 * transaction; when it is invalid the editor opens again with the problems
 * in a block of // lines at the top, their line numbers counted in the file
 * as the user sees it.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dataset.h"
#include "edit.h"
#include "fileio.h"
#include "vocab.h"

#define MAX_EDIT_FILE (16u << 20)

/* $VISUAL, else $EDITOR, else vi. */
static const char *editor_command(void)
{
	const char *e = getenv("VISUAL");
	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* Runs the editor on file through the shell, so that the command may carry
 * arguments ("code --wait", "vim -n"). Returns 0, or 1 after saying why. */
static int run_editor(const char *file)
{
	const char *editor = editor_command();
	char *cmd = NULL;
	if (asprintf(&cmd, "%s \"$@\"", editor) < 0) {
		cli_error("out of memory");
		return 1;
	}
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execl("/bin/sh", "sh", "-c", cmd, editor, file, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	pid_t got = -1;
	if (pid > 0)
		while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(cmd);
	if (pid < 0 || got < 0) {
		cli_error("cannot run the editor '%s': %s", editor, strerror(errno));
		return 1;
	}
	if (WIFSIGNALED(status)) {
		cli_error("the editor '%s' was killed by signal %d", editor, WTERMSIG(status));
		return 1;
	}
	if (WEXITSTATUS(status) != 0) {
		cli_error("the editor '%s' exited with status %d%s", editor, WEXITSTATUS(status),
			  WEXITSTATUS(status) == 127 ? " (not found? set VISUAL or EDITOR)" : "");
		return 1;
	}
	return 0;
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CREAT | O_NOFOLLOW, 0600);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	fputs(text, f);
	if (fclose(f) != 0) {
		cli_error("%s: %s", path, strerror(errno));
		return 1;
	}
	return 0;
}

static int count_lines(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

/* Appends text to out with "// " before every line. */
static void commented(FILE *out, const char *text)
{
	for (const char *p = text; *p;) {
		size_t len = strcspn(p, "\n");
		fprintf(out, "// %.*s\n", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

/* Problems in the order of the file, so they read top to bottom. */
static int by_place(const void *a, const void *b)
{
	const bd_diag *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->path ? x->path : "", y->path ? y->path : "");
}

static char *diags_text(const bd_diags *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return NULL;
	bd_diags_print(d, m);
	fclose(m);
	return buf;
}

/* The file as the editor shows it: the intro, the problems of the last
 * attempt (their lines moved down by the header's height), the body. */
static char *compose(const char *intro, bd_diags *d, const char *body)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, by_place);
	char *errs = diags_text(d);
	int n = errs ? count_lines(errs) : 0;
	if (n) {
		int height = count_lines(intro) + 2 + n;
		for (size_t i = 0; i < d->n; i++)
			if (d->v[i].line > 0)
				d->v[i].line += height;
		free(errs);
		errs = diags_text(d);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m) {
		free(errs);
		return NULL;
	}
	fputs(intro, m);
	if (n) {
		fprintf(m, "//\n// NOT SAVED: %zu problem%s; fix %s, then save and quit:\n",
			d->n + d->dropped, d->n + d->dropped == 1 ? "" : "s",
			d->n + d->dropped == 1 ? "it" : "them");
		commented(m, errs ? errs : "");
	}
	fputs(body, m);
	fclose(m);
	free(errs);
	return buf;
}

/* "// name: a, b, c" wrapped to fit 78 columns. */
static void vocab_line(FILE *m, const char *name, const bd_vocab *v, const char *tail)
{
	int col = fprintf(m, "// %s:", name);
	for (size_t i = 0; i < v->count; i++) {
		const char *w = v->entries[i].name;
		int len = (int)strlen(w) + 2;
		if (col + len > 78)
			col = fprintf(m, "\n//  ");
		col += fprintf(m, " %s%s", w, i + 1 < v->count ? "," : "");
	}
	if (tail)
		fprintf(m, "%s%s", col + (int)strlen(tail) > 78 ? "\n//  " : "", tail);
	fputc('\n', m);
}

static char *intro_text(const char *id)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return NULL;
	if (id) {
		fprintf(m, "// breachdash edit %s\n"
			   "// The incident as native JSON (man breachdash, data/SCHEMA.md). Save\n"
			   "// and quit to store it; quit without saving to change nothing; empty\n"
			   "// the file to abort. The id cannot change.\n", id);
	} else {
		fputs("// breachdash new\n"
		      "// A new incident as native JSON (man breachdash, data/SCHEMA.md). Fill\n"
		      "// in every \"\", or delete the optional keys (summary, dates), then save\n"
		      "// and quit to add it. Quit without saving, or empty the file, to add\n"
		      "// nothing.\n", m);
		vocab_line(m, "nation", &bd_nations, NULL);
		vocab_line(m, "kind", &bd_kinds, NULL);
		vocab_line(m, "affected.qualifier", &bd_qualifiers, " (unknown: null count)");
		vocab_line(m, "affected.who", &bd_who, NULL);
		vocab_line(m, "fields", &bd_fields, NULL);
		vocab_line(m, "referrals[].body", &bd_bodies, NULL);
		vocab_line(m, "referrals[].status", &bd_ref_statuses, NULL);
		fputs("// dates: YYYY, YYYY-MM or YYYY-MM-DD; ids: a-z, 0-9 and -\n", m);
	}
	fputs("// Lines starting with // are ignored.\n", m);
	fclose(m);
	return buf;
}

/* The temporary file: private (mkstemp makes it 0600), named for the
 * incident so the editor's title says which one. */
static char *temp_file(const char *id)
{
	const char *dir = getenv("TMPDIR");
	char *path = NULL;
	if (asprintf(&path, "%s/breachdash-%s-XXXXXX.json", dir && *dir ? dir : "/tmp",
		     id ? id : "new") < 0)
		return NULL;
	int fd = mkstemps(path, 5);
	if (fd < 0) {
		cli_error("cannot make a temporary file %s: %s", path, strerror(errno));
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

/* Checks that the model cannot: the id of an edit stays, a new id is new. */
static void check_id(bd_dataset *ds, const char *was, const bd_incident *inc,
		     const char *file, const char *body, bd_diags *d)
{
	if (was && strcmp(was, inc->id) != 0) {
		bd_edit_problem(d, file, body, "$.id", "the id cannot change (it was \"%s\"); "
				"to add a new incident use breachdash new", was);
		return;
	}
	bd_incident other;
	if (!was && bd_store_get(ds->store, inc->id, &other, NULL) == BD_OK) {
		bd_incident_free(&other);
		bd_edit_problem(d, file, body, "$.id", "an incident with the id \"%s\" exists "
				"already; choose another, or use breachdash edit %s", inc->id, inc->id);
	}
}

typedef struct session {
	bd_dataset *ds;
	const char *id;         /* the incident edited; NULL: a new one */
	char *orig;             /* the body first shown */
	char *intro;
	char *file;
	char *body;             /* the last body read back */
	bool keep;              /* the user's text is worth keeping */
	char *saved;            /* the id stored, when one was */
} session;

static int edit_loop(session *s)
{
	bd_diags d = { 0 };
	int rc = 1;
	s->body = strdup(s->orig);
	for (int round = 0; s->body; round++) {
		char *written = compose(s->intro, &d, s->body);
		if (!written || write_text(s->file, written)) {
			free(written);
			break;
		}
		if (run_editor(s->file)) {
			free(written);
			break;
		}
		bd_error err = { 0 };
		size_t len = 0;
		char *text = bd_read_file(s->file, MAX_EDIT_FILE, &len, &err);
		if (!text) {
			cli_error("%s", bd_error_text(&err));
			bd_error_clear(&err);
			free(written);
			break;
		}
		bool same = strcmp(text, written) == 0, nul = strlen(text) != len;
		free(written);
		if (same) {
			free(text);
			if (round == 0) {
				puts("no change");
				rc = 0;
			} else {
				bd_diags_print(&d, stderr);
				cli_error("aborted, nothing changed");
			}
			break;
		}
		const char *body = bd_edit_body(text);
		if (bd_edit_blank(body)) {
			free(text);
			s->keep = false;
			cli_error("aborted, nothing changed");
			break;
		}
		free(s->body);
		s->body = strdup(body);
		free(text);
		if (!s->body)
			break;
		s->keep = strcmp(s->body, s->orig) != 0;
		bd_diags_free(&d);
		if (nul) {
			bd_diags_add(&d, s->file, 0, 0, NULL, "the file contains NUL bytes; "
				     "the text after the first one is dropped");
			continue;
		}
		bd_incident inc;
		if (bd_edit_parse(s->file, s->body, &inc, &d))
			continue;
		check_id(s->ds, s->id, &inc, s->file, s->body, &d);
		if (d.n) {
			bd_incident_free(&inc);
			continue;
		}
		int result = BD_PUT_UNCHANGED;
		bd_status st = bd_edit_save(s->ds, &inc, s->id ? s->orig : NULL, &result, &err);
		if (st != BD_OK) {
			cli_error("%s", bd_error_text(&err));
			bd_error_clear(&err);
			rc = bd_status_exit(st);
		} else {
			free(s->saved);
			s->saved = result == BD_PUT_UNCHANGED ? NULL : strdup(inc.id);
			if (result == BD_PUT_INSERTED)
				printf("%s: added\n", inc.id);
			else if (result == BD_PUT_UPDATED)
				printf("%s: updated\n", inc.id);
			else
				puts("no change");
			s->keep = false;
			rc = 0;
		}
		bd_incident_free(&inc);
		break;
	}
	bd_diags_free(&d);
	return rc;
}

int cli_edit_run(const bd_options *o, const char *id, char **saved)
{
	bd_dataset ds;
	int rc = cli_open(o, &ds, true);
	if (rc)
		return rc;
	session s = { .ds = &ds, .id = id };
	if (id) {
		bd_incident inc;
		bd_error err = { 0 };
		bd_status st = bd_store_get(ds.store, id, &inc, &err);
		if (st != BD_OK) {
			cli_error("%s", bd_error_text(&err));
			bd_error_clear(&err);
			bd_dataset_close(&ds);
			return bd_status_exit(st);
		}
		s.orig = bd_edit_render(&inc);
		bd_incident_free(&inc);
	} else {
		s.orig = bd_edit_template();
	}
	s.intro = intro_text(id);
	if (s.orig && s.intro)
		s.file = temp_file(id);
	else
		cli_error("out of memory");
	rc = s.file ? edit_loop(&s) : 1;
	if (s.file && s.keep && rc != 0)
		cli_error("your text is kept in %s", s.file);
	else if (s.file)
		unlink(s.file);
	free(s.file);
	free(s.body);
	free(s.intro);
	free(s.orig);
	if (saved)
		*saved = s.saved;
	else
		free(s.saved);
	bd_dataset_close(&ds);
	return rc;
}

/* The options of new and edit are --help alone. Returns 0 to go on, else
 * the exit status + 1 (so that 0 after --help can be told apart). */
static int no_options(int argc, char **argv, const char *usage, int want, const char **arg)
{
	int n = 0;
	bool only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!only_args && !strcmp(a, "--")) {
			only_args = true;
		} else if (!only_args && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
			fputs(usage, stdout);
			return 1;
		} else if (!only_args && a[0] == '-' && a[1]) {
			fprintf(stderr, "breachdash %s: unknown option '%s'\n%s", argv[0], a, usage);
			return 3;
		} else if (n++ == 0) {
			*arg = a;
		}
	}
	if (n != want) {
		fputs(usage, stderr);
		return 3;
	}
	return 0;
}

int cli_new(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash new\n"
		"  Opens a template of a new incident (native JSON, data/SCHEMA.md) in\n"
		"  $VISUAL or $EDITOR (else vi); on save it is checked and added. When it\n"
		"  is invalid the editor opens again with the problems at the top.\n";
	const char *arg = NULL;
	int rc = no_options(argc, argv, usage, 0, &arg);
	return rc ? rc - 1 : cli_edit_run(o, NULL, NULL);
}

int cli_edit(const bd_options *o, int argc, char **argv)
{
	static const char usage[] =
		"usage: breachdash edit ID\n"
		"  Opens the incident as native JSON (data/SCHEMA.md) in $VISUAL or $EDITOR\n"
		"  (else vi); on save it is checked and stored. When it is invalid the\n"
		"  editor opens again with the problems at the top. Quitting without a\n"
		"  change changes nothing; emptying the file aborts.\n";
	const char *id = NULL;
	int rc = no_options(argc, argv, usage, 1, &id);
	return rc ? rc - 1 : cli_edit_run(o, id, NULL);
}
