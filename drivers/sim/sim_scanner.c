/* The simulated barcode scanner. Its demo bills are made by app/common/billcode.h from the
 * seeded bills of portal-sim (docs/portal-api.md), so they stay what the portal knows. */
#include "drivers/sim/sim_scanner.h"

#include <stdio.h>
#include <string.h>

#include "app/common/billcode.h"
#include "app/common/err.h"

int sim_scanner_scan(const char *text, char *out, size_t n)
{
	size_t len = text ? strlen(text) : 0;

	if (len == 0 || len > SIM_SCANNER_MAX || len + 1 > n)
		return KIOSK_EINVAL;
	memcpy(out, text, len + 1);
	return 0;
}

int sim_scanner_demo(enum sim_scan_demo which, char *out, size_t n)
{
	switch (which) {
	case SIM_SCAN_RIVERA_BILL: return billcode_make("100200300", "2026-11-20", 8417, out, n);
	case SIM_SCAN_RIVERA_STALE: return billcode_make("100200300", "2026-10-20", 7922, out, n);
	case SIM_SCAN_SHOP: return sim_scanner_scan("4006381333931", out, n);
	}
	return KIOSK_EINVAL;
}
