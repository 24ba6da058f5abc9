/*
 * paths — where the store and the bundled data live.
 */
#ifndef BD_PATHS_H
#define BD_PATHS_H

/* --db, else $BREACHDASH_DB, else ${XDG_DATA_HOME:-~/.local/share}/breachdash/incidents.db.
 * Caller frees; NULL when no HOME can be found. */
char *bd_default_db_path(const char *flag);
/* A bundled data file (incidents.json, threat_levels.json): from
 * $BREACHDASH_DATA, else data/ beside the executable, else the installed
 * share directory. Caller frees; NULL when not found. */
char *bd_data_file(const char *name);

#endif
