/* Fuzz target: a payment terminal's answer (nexo_parse_response), the kiosk's only reader of
 * what the terminal sends; also checks that whatever it accepts keeps no more than last four. */
#include <stdint.h>
#include <string.h>

#include "drivers/terminal/nexo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nexo_response r;

	if (nexo_parse_response((const char *)data, size, &r) == 0 && r.has_payment) {
		/* last4 is four digits or nothing */
		size_t n = strlen(r.payment.last4);
		if (n != 0 && n != 4)
			__builtin_trap();
		for (int i = 0; i < r.payment.receipt_lines; i++)
			if (strcmp(r.payment.receipt[i].key, "pan") == 0 &&
			    strlen(r.payment.receipt[i].value) > 9)
				__builtin_trap();
	}
	return 0;
}
