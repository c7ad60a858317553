/* Account form rules: email, password, mobile number, ABA routing number, bank account number
 * and verification code. Pure functions, unit-tested in tests/unit/core/test_validate.c. */
#include "app/core/validate.h"

#include <stdio.h>
#include <string.h>

#include "app/common/err.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int digits(const char *s, size_t min, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (n < min || n > max)
		return KIOSK_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return KIOSK_EINVAL;
	return 0;
}

int validate_email(const char *email)
{
	const char *at, *dot;
	size_t n = email ? strlen(email) : 0;

	if (n < 5 || n > VALIDATE_EMAIL_MAX)
		return KIOSK_EINVAL;
	for (const char *p = email; *p; p++) {
		char c = *p;
		if (!is_digit(c) && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') &&
		    !strchr("@.-_+", c))
			return KIOSK_EINVAL;
	}
	at = strchr(email, '@');
	if (!at || at == email || strchr(at + 1, '@'))
		return KIOSK_EINVAL;
	dot = strrchr(at + 1, '.');
	if (!dot || at[1] == '.' || dot[1] == '\0' || email[0] == '.' || at[-1] == '.' ||
	    strstr(email, ".."))
		return KIOSK_EINVAL;
	return 0;
}

int validate_password(const char *password)
{
	size_t n = password ? strlen(password) : 0;

	return n >= VALIDATE_PASSWORD_MIN && n <= VALIDATE_PASSWORD_MAX ? 0 : KIOSK_EINVAL;
}

int validate_mobile(const char *mobile, char *out, size_t n)
{
	size_t len = 0;

	if (!out || n == 0)
		return KIOSK_EINVAL;
	out[0] = '\0';
	for (const char *p = mobile ? mobile : ""; *p; p++) {
		if (strchr("-. ()", *p))
			continue;
		if (!is_digit(*p) || len + 1 >= n) {
			out[0] = '\0';
			return KIOSK_EINVAL;
		}
		out[len++] = *p;
	}
	out[len] = '\0';
	if (len == 0 || len == 10 || (len == 11 && out[0] == '1'))
		return 0;
	out[0] = '\0';
	return KIOSK_EINVAL;
}

int validate_sms_number(const char *mobile, char *out, size_t n)
{
	char digits[16];
	const char *d = digits;

	if (!out || n < 13)
		return KIOSK_EINVAL;
	out[0] = '\0';
	if (validate_mobile(mobile, digits, sizeof(digits)) != 0 || !digits[0])
		return KIOSK_EINVAL;
	if (strlen(d) == 11)
		d++;
	if (d[0] < '2' || d[3] < '2')
		return KIOSK_EINVAL;
	snprintf(out, n, "+1%s", d);
	return 0;
}

int validate_routing(const char *routing)
{
	static const int weight[9] = {3, 7, 1, 3, 7, 1, 3, 7, 1};
	int sum = 0;

	if (digits(routing, 9, 9) != 0)
		return KIOSK_EINVAL;
	for (int i = 0; i < 9; i++)
		sum += (routing[i] - '0') * weight[i];
	return sum % 10 == 0 ? 0 : KIOSK_EINVAL;
}

int validate_bank_account(const char *account)
{
	return digits(account, 4, 17);
}

int validate_code(const char *code)
{
	return digits(code, 6, 6);
}
