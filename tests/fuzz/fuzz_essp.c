/* Fuzz target: bytes from a bill validator. They go through the SSP receiver, each packet to
 * the poll, setup and eSSP parsers, and the whole input to the validator state machine as
 * the device's replies (seq|address bytes the fuzzer has to find, like a line tap would). */
#include <stddef.h>
#include <stdint.h>

#include "app/common/log.h"
#include "drivers/cash/essp.h"
#include "drivers/cash/ssp.h"
#include "drivers/cash/validator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct essp_key key = {ESSP_DEFAULT_FIXED_KEY, 0x1122334455667788ULL};
	struct ssp_rx rx;
	struct ssp_packet p;
	struct val_config cfg = {.reply_ms = 10, .retries = 1};
	struct validator *v;
	struct val_out out;
	struct val_event ev = {.kind = VAL_EV_START, .now_ms = 1};

	log_set_level(LOG_ERROR);
	ssp_rx_reset(&rx);
	for (size_t i = 0; i < size; i++) {
		struct ssp_event events[SSP_MAX_EVENTS];
		struct ssp_setup setup;
		uint8_t plain[SSP_MAX_DATA];
		size_t n, len;
		uint32_t count;

		if (ssp_rx_byte(&rx, data[i], &p) != 1)
			continue;
		ssp_parse_poll(p.data + 1, p.len - 1U, events, SSP_MAX_EVENTS, &n);
		ssp_parse_setup(p.data + 1, p.len - 1U, &setup);
		essp_unwrap(&key, p.data, p.len, &count, plain, sizeof(plain), &len);
	}
	if (validator_new(&cfg, NULL, &v))
		return 0;
	validator_event(v, &ev, &out);
	ev.kind = VAL_EV_BYTES;
	ev.bytes = data;
	ev.len = size;
	validator_event(v, &ev, &out);
	ev.kind = VAL_EV_TICK;
	ev.now_ms = 100;
	validator_event(v, &ev, &out);
	validator_free(v);
	return 0;
}
