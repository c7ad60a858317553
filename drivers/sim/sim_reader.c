/* The simulated magstripe reader: turns (PAN, expiry, name) into the tracks a real card holds,
 * so the demo and the tests exercise the same card_parse() path as a physical swipe. */
#include "drivers/sim/sim_reader.h"

#include "app/common/err.h"

#include <stdio.h>
#include <string.h>

#define SERVICE_CODE "101" /* international, normal authorisation, no restrictions */

/* Test cards whose stripes carry another service code (docs/portal-api.md, "Test cards"). */
static const struct {
	const char *pan, *service_code;
} special[] = {
    {"4000000000002016", "201"}, /* chip card */
    {"4000000000001208", "120"}, /* PIN required */
    {"4000000000001034", "103"}, /* ATM only */
};

static const char *service_code_of(const char *pan)
{
	for (size_t k = 0; k < sizeof(special) / sizeof(special[0]); k++) {
		if (strcmp(special[k].pan, pan) == 0)
			return special[k].service_code;
	}
	return SERVICE_CODE;
}
#define TRACK1_DISC "0000000123000"
#define TRACK2_DISC "00001230"
#define NAME_MAX_LEN 26

static int all_digits(const char *s, size_t min, size_t max)
{
	size_t n = 0;

	for (; s[n]; n++) {
		if (n == max || s[n] < '0' || s[n] > '9')
			return 0;
	}
	return n >= min;
}

/* Spanish letters a resident may type map to their plain capitals, as issuers emboss them.
 * Returns the ASCII capital, or 0 for a character a card cannot carry. */
static char card_letter(const unsigned char **p)
{
	const unsigned char *s = *p;
	char c = 0;

	if (s[0] < 0x80) {
		(*p)++;
		if (s[0] >= 'a' && s[0] <= 'z')
			return (char)(s[0] - 'a' + 'A');
		if ((s[0] >= 'A' && s[0] <= 'Z') || s[0] == ' ' || s[0] == '/' || s[0] == '.' ||
		    s[0] == '-' || s[0] == '\'')
			return (char)s[0];
		return 0;
	}
	if (s[0] != 0xC3 || s[1] < 0x80 || s[1] > 0xBF)
		return 0;
	switch (s[1] | 0x20) { /* U+00C0..U+00DF and U+00E0..U+00FF share the low bits */
	case 0xA1: c = 'A'; break;
	case 0xA9: c = 'E'; break;
	case 0xAD: c = 'I'; break;
	case 0xB3: c = 'O'; break;
	case 0xBA:
	case 0xBC: c = 'U'; break;
	case 0xB1: c = 'N'; break;
	default: return 0;
	}
	*p += 2;
	return c;
}

/* Upper-cases the name and puts it in the SURNAME/GIVEN form track 1 uses. */
static int track_name(const char *name, char *out, size_t n)
{
	char plain[128];
	char full[2 * sizeof(plain)];
	const unsigned char *s = (const unsigned char *)name;
	size_t len = 0;
	char *last_space;

	while (*s) {
		char c = card_letter(&s);

		if (!c)
			return KIOSK_EINVAL;
		/* Collapse runs of spaces so "ANA  RIVERA" does not become "RIVERA/ANA ". */
		if (c == ' ' && (len == 0 || plain[len - 1] == ' '))
			continue;
		if (len + 1 >= sizeof(plain))
			return KIOSK_EINVAL;
		plain[len++] = c;
	}
	while (len > 0 && plain[len - 1] == ' ')
		len--;
	plain[len] = '\0';
	if (len == 0)
		return KIOSK_EINVAL;

	if (strchr(plain, '/')) {
		snprintf(out, n, "%.*s", NAME_MAX_LEN, plain);
	} else if ((last_space = strrchr(plain, ' ')) != NULL) {
		/* "ANA MARIA RIVERA" -> "RIVERA/ANA MARIA"; issuers cut it to the 26 the track
		 * holds. */
		*last_space = '\0';
		snprintf(full, sizeof(full), "%s/%s", last_space + 1, plain);
		snprintf(out, n, "%.*s", NAME_MAX_LEN, full);
	} else {
		snprintf(out, n, "%.*s/", NAME_MAX_LEN - 1, plain);
	}
	/* The field holds at least two characters. */
	return strlen(out) >= 2 ? 0 : KIOSK_EINVAL;
}

int sim_reader_make_swipe(const char *pan, const char *yymm, const char *name,
			  struct card_swipe *out)
{
	char nm[NAME_MAX_LEN + 1];
	int rc = KIOSK_EINVAL;
	int month;

	if (!out)
		return KIOSK_EINVAL;
	memset(out, 0, sizeof(*out));
	if (!pan || !yymm || !all_digits(pan, 1, 19) || !all_digits(yymm, 4, 4))
		goto out;
	month = (yymm[2] - '0') * 10 + (yymm[3] - '0');
	if (month < 1 || month > 12)
		goto out;

	snprintf(out->track2, sizeof(out->track2), ";%s=%s%s%s?", pan, yymm, service_code_of(pan),
		 TRACK2_DISC);
	/* Cards without a name (some prepaid ones) simply carry no track 1 here. */
	if (name && name[0]) {
		if (track_name(name, nm, sizeof(nm)) < 0)
			goto out;
		snprintf(out->track1, sizeof(out->track1), "%%B%s^%s^%s%s%s?", pan, nm, yymm,
			 service_code_of(pan), TRACK1_DISC);
	}
	rc = 0;
out:
	if (rc < 0)
		card_swipe_wipe(out);
	return rc;
}
