#include "lineedit.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

static bool grow(lineedit *le, size_t need)
{
	if (need < le->cap)
		return true;
	size_t cap = le->cap ? le->cap : 64;
	while (cap <= need)
		cap *= 2;
	wchar_t *b = realloc(le->buf, cap * sizeof *b);
	if (!b)
		return false;
	le->buf = b;
	le->cap = cap;
	return true;
}

bool le_init(lineedit *le, const char *text)
{
	memset(le, 0, sizeof *le);
	if (!grow(le, 1))
		return false;
	le->buf[0] = 0;
	le_set(le, text);
	return true;
}

void le_free(lineedit *le)
{
	free(le->buf);
	memset(le, 0, sizeof *le);
}

void le_set(lineedit *le, const char *text)
{
	size_t n = text ? mbstowcs(NULL, text, 0) : 0;
	le->len = le->cur = 0;
	if (n != (size_t)-1 && n && grow(le, n + 1)) {
		mbstowcs(le->buf, text, n + 1);
		le->len = le->cur = n;
	}
	le->buf[le->len] = 0;
}

bool le_insert(lineedit *le, wchar_t c)
{
	if (!grow(le, le->len + 2))
		return false;
	memmove(le->buf + le->cur + 1, le->buf + le->cur, (le->len - le->cur + 1) * sizeof *le->buf);
	le->buf[le->cur++] = c;
	le->len++;
	return true;
}

/* Removes [from, to). */
static void cut(lineedit *le, size_t from, size_t to)
{
	memmove(le->buf + from, le->buf + to, (le->len - to + 1) * sizeof *le->buf);
	le->len -= to - from;
	le->cur = from;
}

void le_backspace(lineedit *le)
{
	if (le->cur)
		cut(le, le->cur - 1, le->cur);
}

void le_delete(lineedit *le)
{
	if (le->cur < le->len) {
		size_t at = le->cur;
		cut(le, at, at + 1);
	}
}

void le_move(lineedit *le, long delta)
{
	long c = (long)le->cur + delta;
	le->cur = c < 0 ? 0 : (size_t)c > le->len ? le->len : (size_t)c;
}

void le_home(lineedit *le) { le->cur = 0; }
void le_end(lineedit *le) { le->cur = le->len; }

void le_word_left(lineedit *le)
{
	while (le->cur && iswspace((wint_t)le->buf[le->cur - 1]))
		le->cur--;
	while (le->cur && !iswspace((wint_t)le->buf[le->cur - 1]))
		le->cur--;
}

void le_word_right(lineedit *le)
{
	while (le->cur < le->len && iswspace((wint_t)le->buf[le->cur]))
		le->cur++;
	while (le->cur < le->len && !iswspace((wint_t)le->buf[le->cur]))
		le->cur++;
}

void le_kill_word(lineedit *le)
{
	size_t end = le->cur;
	le_word_left(le);
	cut(le, le->cur, end);
}

void le_kill_start(lineedit *le) { cut(le, 0, le->cur); }

void le_kill_end(lineedit *le)
{
	le->len = le->cur;
	le->buf[le->len] = 0;
}

char *le_text(const lineedit *le)
{
	size_t n = wcstombs(NULL, le->buf, 0);
	char *s = n == (size_t)-1 ? NULL : malloc(n + 1);
	if (s)
		wcstombs(s, le->buf, n + 1);
	return s;
}

void history_add(history *h, const char *text)
{
	history_reset(h);
	if (!text || !*text || (h->n && !strcmp(h->v[h->n - 1], text)))
		return;
	char *copy = strdup(text);
	if (!copy)
		return;
	if (h->n == HISTORY_MAX) {
		free(h->v[0]);
		memmove(h->v, h->v + 1, (HISTORY_MAX - 1) * sizeof *h->v);
		h->n--;
	}
	h->v[h->n++] = copy;
	h->pos = h->n;
}

const char *history_step(history *h, int dir, const char *current)
{
	int to = h->pos + (dir < 0 ? -1 : 1);
	if (to < 0 || to > h->n)
		return NULL;
	if (h->pos == h->n) {           /* leaving the draft: keep it */
		free(h->draft);
		h->draft = current ? strdup(current) : NULL;
	}
	h->pos = to;
	return to == h->n ? (h->draft ? h->draft : "") : h->v[to];
}

void history_reset(history *h)
{
	h->pos = h->n;
	free(h->draft);
	h->draft = NULL;
}

void history_free(history *h)
{
	for (int i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->draft);
	memset(h, 0, sizeof *h);
}
