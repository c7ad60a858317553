/* Paths under the data directory and the portal client's settings (see paths.h). */
#include "app/runtime/paths.h"

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"
#include "app/common/fsutil.h"

int paths_join(char *buf, size_t n, const char *dir, const char *name)
{
	int len = snprintf(buf, n, "%s/%s", dir, name);

	return len < 0 || (size_t)len >= n ? KIOSK_EINVAL : 0;
}

int paths_ensure_dir(const char *path)
{
	/* The kiosk's own directories: not world-readable. */
	return fs_mkdirs_mode(path, 0750);
}

struct portal_config paths_portal(const struct kiosk_config *cfg)
{
	struct portal_config pc = {
	    .base_url = cfg->portal_url,
	    .ca_file = cfg->portal_ca,
	    .client_cert = cfg->client_cert[0] ? cfg->client_cert : NULL,
	    .client_key = cfg->client_key[0] ? cfg->client_key : NULL,
	    .pin = cfg->portal_pin[0] ? cfg->portal_pin : NULL,
	    .kiosk_id = cfg->kiosk_id,
	    .timeout_ms = cfg->portal_timeout_ms,
	    .connect_timeout_ms = cfg->portal_connect_timeout_ms,
	};
	return pc;
}

bool paths_terminal(const struct kiosk_config *cfg, struct terminal_config *out)
{
	if (strcmp(cfg->payments_card, "terminal") != 0)
		return false;
	*out = (struct terminal_config){
	    .url = cfg->terminal_url,
	    .ca_file = cfg->terminal_ca,
	    .poi_id = cfg->terminal_poi_id,
	    .sale_id = cfg->terminal_sale_id[0] ? cfg->terminal_sale_id : cfg->kiosk_id,
	    .currency = cfg->terminal_currency,
	    .timeout_ms = cfg->terminal_timeout_ms,
	    .payment_timeout_ms = cfg->terminal_payment_timeout_ms,
	    .connect_timeout_ms = cfg->terminal_connect_timeout_ms,
	};
	return true;
}

bool paths_terminal_display(const struct kiosk_config *cfg, struct terminal_display_config *out)
{
	memset(out, 0, sizeof(*out));
	if (strcmp(cfg->payments_card, "terminal") != 0 || !cfg->terminal_display_listen[0])
		return false;
	*out = (struct terminal_display_config){
	    .listen = cfg->terminal_display_listen,
	    .port = (unsigned)cfg->terminal_display_port,
	    .cert_file = cfg->terminal_display_cert,
	    .key_file = cfg->terminal_display_key,
	    .user = cfg->terminal_display_user,
	    .password = cfg->terminal_display_password,
	    .port_file = cfg->terminal_display_port_file,
	    .sale_id = cfg->terminal_sale_id[0] ? cfg->terminal_sale_id : cfg->kiosk_id,
	    .poi_id = cfg->terminal_poi_id,
	};
	return true;
}
