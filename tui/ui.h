/*
 * ui — the dashboard: terminal set-up, the main loop, the views.
 */
#ifndef BD_UI_H
#define BD_UI_H

#include "options.h"

/* Runs the dashboard until the user quits; returns the exit status. */
int ui_run(const bd_options *o);

#endif
