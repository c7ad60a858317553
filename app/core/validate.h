/* The rules for what a resident types into account forms, as the portal enforces them:
 * checked at the kiosk first so a mistake is named at its field and never sent. */
#ifndef KIOSK_CORE_VALIDATE_H
#define KIOSK_CORE_VALIDATE_H

#include <stddef.h>

#define VALIDATE_PASSWORD_MIN 10
#define VALIDATE_PASSWORD_MAX 64
#define VALIDATE_EMAIL_MAX 94

/* Each returns 0 when the text is acceptable, else KIOSK_EINVAL. */

/* local@domain.tld: one @, letters, digits and . - _ + only, a dot in the domain, no empty
 * part, no dot at either end of the domain, at most VALIDATE_EMAIL_MAX characters. */
int validate_email(const char *email);
/* 10 to 64 characters. */
int validate_password(const char *password);
/* A US mobile number: 10 digits, or 11 starting with 1; "" (none) is fine. Dashes, dots,
 * spaces and parentheses are dropped into out (digits only). */
int validate_mobile(const char *mobile, char *out, size_t n);
/* A number that takes text messages, as the portal sends them: a US (NANP) mobile number of
 * 10 digits, or 11 starting with 1, separators as validate_mobile allows; the area code and
 * the exchange each start with 2 to 9. out gets it in E.164 ("+13125550147"). */
int validate_sms_number(const char *mobile, char *out, size_t n);
/* Nine digits whose ABA checksum (weights 3 7 1) is a multiple of ten. */
int validate_routing(const char *routing);
/* A bank account number: 4 to 17 digits. */
int validate_bank_account(const char *account);
/* The emailed code: exactly six digits. */
int validate_code(const char *code);

#endif
