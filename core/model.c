#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bd_incident_init(bd_incident *inc)
{
	memset(inc, 0, sizeof *inc);
	inc->affected = -1;
	inc->qualifier = BD_Q_UNKNOWN;
}

void bd_strv_free(bd_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = 0;
}

void bd_incident_free(bd_incident *inc)
{
	free(inc->id); free(inc->title); free(inc->summary);
	free(inc->force); free(inc->force_short); free(inc->supplier);
	free(inc->country); free(inc->industry);
	bd_strv_free(&inc->affected_sources);
	for (size_t i = 0; i < inc->n_referrals; i++) {
		free(inc->referrals[i].by);
		free(inc->referrals[i].note);
		bd_strv_free(&inc->referrals[i].sources);
	}
	for (size_t i = 0; i < inc->n_impacts; i++) {
		free(inc->impacts[i].text);
		bd_strv_free(&inc->impacts[i].sources);
	}
	for (size_t i = 0; i < inc->n_quotes; i++) {
		free(inc->quotes[i].who); free(inc->quotes[i].role);
		free(inc->quotes[i].text);
		bd_strv_free(&inc->quotes[i].sources);
	}
	for (size_t i = 0; i < inc->n_figures; i++) {
		free(inc->figures[i].about); free(inc->figures[i].value);
		free(inc->figures[i].note);
		bd_strv_free(&inc->figures[i].sources);
	}
	for (size_t i = 0; i < inc->n_claims; i++) {
		free(inc->claims[i].note);
		bd_strv_free(&inc->claims[i].sources);
	}
	for (size_t i = 0; i < inc->n_sources; i++) {
		free(inc->sources[i].id); free(inc->sources[i].publisher);
		free(inc->sources[i].title); free(inc->sources[i].url);
	}
	free(inc->referrals); free(inc->impacts); free(inc->quotes);
	free(inc->figures); free(inc->sources); free(inc->claims);
	free(inc->origin_record_id); free(inc->origin_extra);
	free(inc->origin_file); free(inc->origin_master_id);
	free(inc->same_as);
	bd_strv_free(&inc->distinct_from);
	bd_incident_init(inc);
}

bd_date bd_incident_date(const bd_incident *inc)
{
	if (bd_date_is_set(inc->occurred))
		return inc->occurred;
	if (bd_date_is_set(inc->discovered))
		return inc->discovered;
	return inc->disclosed;
}

bd_fieldset bd_incident_unknown(const bd_incident *inc)
{
	bd_fieldset all = (bd_fieldset)((1ull << bd_fields.count) - 1);
	return all & ~(inc->exposed | inc->not_exposed | inc->lost);
}

bd_fieldset bd_incident_reported(const bd_incident *inc)
{
	bd_fieldset reported = 0, confirmed = 0;
	for (size_t i = 0; i < inc->n_claims; i++)
		if (inc->claims[i].certainty == BD_CERT_REPORTED)
			reported |= inc->claims[i].fields;
		else
			confirmed |= inc->claims[i].fields;
	return reported & ~confirmed & inc->exposed;
}

int bd_incident_referral_status(const bd_incident *inc, int body)
{
	int best = -1;
	for (size_t i = 0; i < inc->n_referrals; i++)
		if (inc->referrals[i].body == body &&
		    bd_ref_status_rank(inc->referrals[i].status) > bd_ref_status_rank(best))
			best = inc->referrals[i].status;
	return best;
}

const bd_source *bd_incident_source(const bd_incident *inc, const char *id)
{
	for (size_t i = 0; i < inc->n_sources; i++)
		if (inc->sources[i].id && strcmp(inc->sources[i].id, id) == 0)   /* NULL: a bad id, while validating */
			return &inc->sources[i];
	return NULL;
}

size_t bd_incident_conflicts(const bd_incident *inc, bd_conflict_fn fn, void *ctx)
{
	size_t found = 0, n = inc->n_figures;
	size_t *idx = malloc((n ? n : 1) * sizeof *idx);
	if (!idx)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const char *about = inc->figures[i].about;
		bool seen = false, differs = false;
		size_t k = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(inc->figures[j].about, about) == 0;
		if (seen)
			continue;
		for (size_t j = i; j < n; j++) {
			if (strcmp(inc->figures[j].about, about) != 0)
				continue;
			idx[k++] = j;
			differs |= strcmp(inc->figures[j].value, inc->figures[i].value) != 0;
		}
		if (differs) {
			found++;
			if (fn)
				fn(ctx, about, idx, k);
		}
	}
	free(idx);
	return found;
}

void bd_format_thousands(long long n, char *out, size_t size)
{
	char digits[32];
	/* The magnitude as unsigned: -n overflows for LLONG_MIN. */
	int len = snprintf(digits, sizeof digits, "%llu",
			   n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n);
	size_t o = 0;
	if (n < 0 && o + 1 < size)
		out[o++] = '-';
	for (int i = 0; i < len && o + 1 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0 && o + 2 < size)
			out[o++] = ',';
		out[o++] = digits[i];
	}
	out[o] = '\0';
}

static void put_qualified(int qualifier, bool ascii, const char *num, char *out, size_t size);

/* The count as digits with separators, or (with a unit) in at most six
 * columns; then its qualifier. */
static void format_affected(long long count, int qualifier, bool ascii, bool unit,
			    char *out, size_t size)
{
	char num[32];
	if (count < 0 || qualifier == BD_Q_UNKNOWN) {
		snprintf(out, size, "unknown");
		return;
	}
	if (unit && count >= 1000000000)
		snprintf(num, sizeof num, "%.1fG", (double)count / 1e9);
	else if (unit && count >= 1000000)
		snprintf(num, sizeof num, "%.1fM", (double)count / 1e6);
	else if (unit && count >= 10000)
		snprintf(num, sizeof num, "%.1fk", (double)count / 1e3);
	else
		bd_format_thousands(count, num, sizeof num);
	put_qualified(qualifier, ascii, num, out, size);
}

void bd_format_affected(long long count, int qualifier, bool ascii, char *out, size_t size)
{
	format_affected(count, qualifier, ascii, false, out, size);
}

void bd_format_affected_short(long long count, int qualifier, bool ascii,
			      char *out, size_t size)
{
	format_affected(count, qualifier, ascii, true, out, size);
}

static void put_qualified(int qualifier, bool ascii, const char *num, char *out, size_t size)
{
	switch (qualifier) {
	case BD_Q_APPROX:   snprintf(out, size, "~%s", num); break;
	case BD_Q_AT_LEAST: snprintf(out, size, "%s+", num); break;
	case BD_Q_UP_TO:    snprintf(out, size, "%s%s", ascii ? "<=" : "≤", num); break;
	default:            snprintf(out, size, "%s", num); break;
	}
}
