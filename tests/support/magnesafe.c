/* The MagneSafe reader emulation: what a real Dynamag sends, byte for byte where the manual
 * fixes it; the MagnePrint, serial and session fields carry plausible constants. */
#include "tests/support/magnesafe.h"

#include <stdio.h>
#include <string.h>

#include "tools/portal-sim/dukpt.h"

#define FIELD 112

/* Offset and size of every field of the input report, in order (99875475). */
static const struct {
	size_t off, len;
} fields[] = {
    {0, 1},	{1, 1},	    {2, 1},	{3, 1},	    {4, 1},
    {5, 1},	{6, 1},					      /* status, lengths, type */
    {7, 112},	{119, 112}, {231, 112},			      /* encrypted tracks */
    {343, 1},	{344, 4},   {348, 1},	{349, 128},	      /* card status, MagnePrint */
    {477, 16},	{493, 2},   {495, 10},			      /* serial, enc status, KSN */
    {505, 1},	{506, 1},   {507, 1},			      /* masked lengths */
    {508, 112}, {620, 112}, {732, 112},			      /* masked tracks */
    {844, 8},	{852, 1},   {853, 1},	{854, 1},   {855, 1}, /* session id, absolutes */
    {856, 3},	{859, 28},				      /* counter, hash (887) */
};

size_t magnesafe_report_descriptor(size_t report_len, uint8_t *out, size_t cap)
{
	size_t n = 0;
	uint8_t head[] = {0x06, 0x00, 0xFF,			     /* Usage Page (vendor) */
			  0x09, 0x01,				     /* Usage 1 */
			  0xA1, 0x01,				     /* Collection (Application) */
			  0x15, 0x00, 0x26, 0xFF, 0x00, 0x75, 0x08}; /* 0..255, 8 bits */

	memcpy(out, head, sizeof(head));
	n = sizeof(head);
	for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		if (fields[k].off + fields[k].len > report_len)
			break;
		if (n + 8 > cap)
			return 0;
		out[n++] = 0x09; /* Usage (field number) */
		out[n++] = (uint8_t)(0x20 + k);
		out[n++] = 0x96; /* Report Count, two bytes */
		out[n++] = (uint8_t)(fields[k].len & 0xFF);
		out[n++] = (uint8_t)(fields[k].len >> 8);
		out[n++] = 0x81; /* Input (Data, Var, Abs) */
		out[n++] = 0x02;
	}
	/* A feature report for commands: not input, must not count. */
	out[n++] = 0x09;
	out[n++] = 0x20;
	out[n++] = 0x95;
	out[n++] = 24;
	out[n++] = 0xB1;
	out[n++] = 0x02;
	out[n++] = 0xC0;
	return n;
}

void magnesafe_mask(const char *track, char *out, size_t n)
{
	size_t len = strlen(track), start = track[0] == '%' ? 2 : 1, end = start;

	snprintf(out, n, "%s", track);
	while (end < len && track[end] >= '0' && track[end] <= '9')
		end++;
	for (size_t k = start + 4; k + 4 < end && k < n; k++)
		out[k] = '0';
}

/* Pads to whole TDES blocks with zeros, as the reader does, and encrypts. */
static size_t encrypt_track(const char *t, const char *ksn_hex, uint8_t *out)
{
	uint8_t ksn[DUKPT_KSN_LEN], plain[FIELD];
	size_t n = strlen(t), padded = (n + 7) / 8 * 8;

	memset(plain, 0, sizeof(plain));
	memcpy(plain, t, n);
	dukpt_ksn_parse(ksn_hex, ksn);
	dukpt_encrypt(dukpt_test_bdk, ksn, DUKPT_VARIANT_PIN, plain, padded, out);
	return padded;
}

void magnesafe_report(const char *track1, const char *track2, const char *ksn, size_t report_len,
		      uint8_t *out)
{
	const char *t[2] = {track1, track2};
	uint8_t ksn_bytes[DUKPT_KSN_LEN];

	memset(out, 0, report_len);
	for (int k = 0; k < 2; k++) {
		char masked[FIELD];

		if (!t[k]) {
			out[k] = 1; /* decode error */
			continue;
		}
		out[3 + k] = (uint8_t)encrypt_track(t[k], ksn, out + 7 + (size_t)k * FIELD);
		magnesafe_mask(t[k], masked, sizeof(masked));
		out[505 + k] = (uint8_t)strlen(masked);
		memcpy(out + 508 + (size_t)k * FIELD, masked, strlen(masked));
	}
	out[2] = 1; /* no track 3 */
	out[6] = 0; /* ISO/ABA */
	memcpy(out + 344, "\x00\x30\x40\x61", 4);
	out[348] = 56;
	memset(out + 349, 0xA5, 56);
	memcpy(out + 477, "B164F78022713AA", 15);
	out[493] = 0x06;
	dukpt_ksn_parse(ksn, ksn_bytes);
	memcpy(out + 495, ksn_bytes, sizeof(ksn_bytes));
	memset(out + 844, 0x5A, 8);
}

static void hex(const uint8_t *p, size_t n, char *out)
{
	for (size_t k = 0; k < n; k++)
		sprintf(out + 2 * k, "%02X", p[k]);
	out[2 * n] = '\0';
}

void magnesafe_keyboard(const char *track1, const char *track2, const char *ksn, char *out,
			size_t n)
{
	char m1[FIELD] = "%E?", m2[FIELD] = ";E?", e1[2 * FIELD + 1] = "", e2[2 * FIELD + 1] = "";
	uint8_t enc[FIELD];

	if (track1) {
		magnesafe_mask(track1, m1, sizeof(m1));
		hex(enc, encrypt_track(track1, ksn, enc), e1);
	}
	if (track2) {
		magnesafe_mask(track2, m2, sizeof(m2));
		hex(enc, encrypt_track(track2, ksn, enc), e2);
	}
	/* masked tracks | enc status | T1 | T2 | T3 | MP status | MP | serial | session | KSN |
	 * CRC | counter | format code */
	snprintf(out, n,
		 "%s%s|0600|%s|%s||61403000|%s|B164F78022713AA|5A5A5A5A5A5A5A5A|%s|7E48|"
		 "000003|0000\n",
		 m1, m2, e1, e2, "A5A5A5A5A5A5A5A5", ksn);
}
