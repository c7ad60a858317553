/* SSP packets and the bill validator's replies, byte for byte as ITL's manual GA138 gives
 * them. Everything here reads bytes from a device, so every length is checked before use. */
#include "drivers/cash/ssp.h"

#include <string.h>

#include "app/common/err.h"

uint16_t ssp_crc(const uint8_t *p, size_t n, uint16_t seed)
{
	uint16_t crc = seed;

	for (size_t i = 0; i < n; i++) {
		crc ^= (uint16_t)(p[i] << 8);
		for (int b = 0; b < 8; b++)
			crc =
			    (crc & 0x8000) ? (uint16_t)((crc << 1) ^ 0x8005) : (uint16_t)(crc << 1);
	}
	return crc;
}

int ssp_frame(uint8_t seq_addr, const uint8_t *data, size_t len, uint8_t *out, size_t cap,
	      size_t *out_len)
{
	uint8_t raw[2 + SSP_MAX_DATA + 2];
	size_t n = 0, o = 0;
	uint16_t crc;

	if (!data || len == 0 || len > SSP_MAX_DATA)
		return KIOSK_EINVAL;
	raw[n++] = seq_addr;
	raw[n++] = (uint8_t)len;
	memcpy(raw + n, data, len);
	n += len;
	crc = ssp_crc(raw, n, 0xFFFF);
	raw[n++] = (uint8_t)(crc & 0xFF);
	raw[n++] = (uint8_t)(crc >> 8);
	if (cap < 1)
		return KIOSK_EINVAL;
	out[o++] = SSP_STX;
	/* Stuffing comes after the CRC, and covers the CRC too. */
	for (size_t i = 0; i < n; i++) {
		if (o + (raw[i] == SSP_STX ? 2 : 1) > cap)
			return KIOSK_EINVAL;
		out[o++] = raw[i];
		if (raw[i] == SSP_STX)
			out[o++] = SSP_STX;
	}
	*out_len = o;
	return 0;
}

void ssp_rx_reset(struct ssp_rx *rx)
{
	rx->in_packet = false;
	rx->stx_seen = false;
	rx->pos = 0;
}

/* Stores one unstuffed byte after STX; 1 or KIOSK_EPROTO once the packet is whole. */
static int rx_store(struct ssp_rx *rx, uint8_t byte, struct ssp_packet *pkt)
{
	uint16_t crc;
	int total;

	rx->buf[rx->pos++] = byte;
	if (rx->pos < 2)
		return 0;
	/* seq|addr, length (never 0), data, CRC */
	if (rx->buf[1] == 0) {
		ssp_rx_reset(rx);
		return KIOSK_EPROTO;
	}
	total = 2 + rx->buf[1] + 2;
	if (rx->pos < total)
		return 0;
	crc = ssp_crc(rx->buf, (size_t)total - 2, 0xFFFF);
	ssp_rx_reset(rx);
	if (rx->buf[total - 2] != (crc & 0xFF) || rx->buf[total - 1] != (crc >> 8))
		return KIOSK_EPROTO;
	pkt->seq_addr = rx->buf[0];
	pkt->len = rx->buf[1];
	memcpy(pkt->data, rx->buf + 2, pkt->len);
	return 1;
}

int ssp_rx_byte(struct ssp_rx *rx, uint8_t byte, struct ssp_packet *pkt)
{
	if (!rx->in_packet) {
		/* Between packets only an STX means anything. */
		if (byte == SSP_STX) {
			ssp_rx_reset(rx);
			rx->in_packet = true;
		}
		return 0;
	}
	if (rx->stx_seen) {
		rx->stx_seen = false;
		/* A lone STX: what came so far is dropped and this byte is an address. */
		if (byte != SSP_STX)
			rx->pos = 0;
		return rx_store(rx, byte, pkt);
	}
	if (byte == SSP_STX) {
		rx->stx_seen = true;
		return 0;
	}
	return rx_store(rx, byte, pkt);
}

/* ---- replies ---- */

static int event_data_len(uint8_t code)
{
	switch (code) {
	case SSP_EV_READ:
	case SSP_EV_CREDIT:
	case SSP_EV_FRAUD:
	case SSP_EV_CLEARED_FRONT:
	case SSP_EV_CLEARED_CASHBOX: return 1;
	case SSP_EV_SLAVE_RESET:
	case SSP_EV_REJECTING:
	case SSP_EV_REJECTED:
	case SSP_EV_STACKING:
	case SSP_EV_STACKED:
	case SSP_EV_SAFE_JAM:
	case SSP_EV_UNSAFE_JAM:
	case SSP_EV_DISABLED:
	case SSP_EV_STACKER_FULL:
	case SSP_EV_CASHBOX_REMOVED:
	case SSP_EV_CASHBOX_REPLACED:
	case SSP_EV_NOTE_PATH_OPEN:
	case SSP_EV_CHANNEL_DISABLE:
	case SSP_EV_INITIALISING: return 0;
	default: return -1;
	}
}

int ssp_parse_poll(const uint8_t *data, size_t len, struct ssp_event *ev, size_t max, size_t *n)
{
	size_t i = 0;

	*n = 0;
	while (i < len) {
		int dl = event_data_len(data[i]);

		if (dl < 0 || i + 1 + (size_t)dl > len || *n == max)
			return KIOSK_EPROTO;
		ev[*n].code = data[i];
		ev[*n].channel = dl ? data[i + 1] : 0;
		(*n)++;
		i += 1 + (size_t)dl;
	}
	return 0;
}

bool ssp_event_needs_ack(uint8_t code)
{
	return code == SSP_EV_CREDIT || code == SSP_EV_FRAUD || code == SSP_EV_CLEARED_CASHBOX;
}

const char *ssp_event_name(uint8_t code)
{
	switch (code) {
	case SSP_EV_SLAVE_RESET: return "slave reset";
	case SSP_EV_READ: return "read";
	case SSP_EV_CREDIT: return "note credit";
	case SSP_EV_REJECTING: return "rejecting";
	case SSP_EV_REJECTED: return "rejected";
	case SSP_EV_STACKING: return "stacking";
	case SSP_EV_STACKED: return "stacked";
	case SSP_EV_SAFE_JAM: return "safe jam";
	case SSP_EV_UNSAFE_JAM: return "unsafe jam";
	case SSP_EV_DISABLED: return "disabled";
	case SSP_EV_STACKER_FULL: return "stacker full";
	case SSP_EV_FRAUD: return "fraud attempt";
	case SSP_EV_CASHBOX_REMOVED: return "cashbox removed";
	case SSP_EV_CASHBOX_REPLACED: return "cashbox replaced";
	case SSP_EV_CLEARED_FRONT: return "note cleared from front";
	case SSP_EV_CLEARED_CASHBOX: return "note cleared into cashbox";
	case SSP_EV_NOTE_PATH_OPEN: return "note path open";
	case SSP_EV_CHANNEL_DISABLE: return "channel disable";
	case SSP_EV_INITIALISING: return "initialising";
	default: return "unknown event";
	}
}

const char *ssp_resp_name(uint8_t code)
{
	switch (code) {
	case SSP_OK: return "OK";
	case SSP_UNKNOWN_COMMAND: return "command not known";
	case SSP_WRONG_PARAMS: return "wrong number of parameters";
	case SSP_PARAM_OUT_OF_RANGE: return "parameter out of range";
	case SSP_CANNOT_PROCESS: return "command cannot be processed";
	case SSP_SOFTWARE_ERROR: return "software error";
	case SSP_FAIL: return "fail";
	case SSP_KEY_NOT_SET: return "key not set";
	default: return "unknown response";
	}
}

static uint32_t be24(const uint8_t *p)
{
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool ascii(const uint8_t *p, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] > 0x7E)
			return false;
		out[i] = (char)p[i];
	}
	out[n] = '\0';
	return true;
}

int ssp_parse_setup(const uint8_t *d, size_t len, struct ssp_setup *out)
{
	size_t n, base;
	uint32_t multiplier;

	memset(out, 0, sizeof(*out));
	if (len < 12)
		return KIOSK_EPROTO;
	out->unit_type = d[0];
	n = d[11];
	if (d[0] != 0 || n < 1 || n > SSP_MAX_CHANNELS)
		return KIOSK_EPROTO;
	if (!ascii(d + 1, 4, out->firmware) || !ascii(d + 5, 3, out->country))
		return KIOSK_EPROTO;
	multiplier = be24(d + 8);
	base = 12 + 2 * n; /* after channel values and the obsolete security bytes */
	if (len < base + 4)
		return KIOSK_EPROTO;
	out->real_multiplier = be24(d + base);
	out->protocol = d[base + 3];
	out->n_channels = (int)n;
	if (out->protocol >= 6) {
		const uint8_t *cc = d + base + 4, *val = cc + 3 * n;

		if (len < base + 4 + 7 * n)
			return KIOSK_EPROTO;
		for (size_t c = 0; c < n; c++) {
			if (!ascii(cc + 3 * c, 3, out->channel_country[c]))
				return KIOSK_EPROTO;
			out->cents[c] = (int64_t)le32(val + 4 * c) * out->real_multiplier;
		}
		return 0;
	}
	for (size_t c = 0; c < n; c++) {
		out->cents[c] = (int64_t)d[12 + c] * multiplier * out->real_multiplier;
		memcpy(out->channel_country[c], out->country, sizeof(out->country));
	}
	return 0;
}

int ssp_setup_channel(const struct ssp_setup *s, int64_t cents)
{
	for (int c = 0; c < s->n_channels; c++) {
		if (cents > 0 && s->cents[c] == cents)
			return c + 1;
	}
	return 0;
}
