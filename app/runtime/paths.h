/* Small helpers the kiosk's start and its staff commands share: paths under the data
 * directory, and the portal client's settings from a snapshot of the settings. */
#ifndef KIOSK_RUNTIME_PATHS_H
#define KIOSK_RUNTIME_PATHS_H

#include <stdbool.h>
#include <stddef.h>

#include "app/config.h"
#include "app/portal/portal.h"
#include "drivers/terminal/display.h"
#include "drivers/terminal/terminal.h"

/* dir + "/" + name into buf; KIOSK_EINVAL when it does not fit. */
int paths_join(char *buf, size_t n, const char *dir, const char *name);

/* mkdir -p, mode 0750; KIOSK_EIO when path is not a directory in the end. */
int paths_ensure_dir(const char *path);

/* The portal client's settings; its strings point into cfg, which must outlive it and not
 * change while a client uses it. */
struct portal_config paths_portal(const struct kiosk_config *cfg);

/* The payment terminal client's settings when [payments] card is terminal: true and *out
 * filled (strings into cfg, as above); false with a magstripe reader. */
bool paths_terminal(const struct kiosk_config *cfg, struct terminal_config *out);

/* The terminal's display notifications endpoint: true and *out filled when the kiosk has a
 * terminal and [terminal] display_listen is set. */
bool paths_terminal_display(const struct kiosk_config *cfg, struct terminal_display_config *out);

#endif
