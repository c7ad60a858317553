/* Error codes shared by every module: 0 is success, failures are negative KIOSK_E* values. */
#ifndef KIOSK_ERR_H
#define KIOSK_ERR_H

enum kiosk_err {
	KIOSK_OK = 0,
	KIOSK_EINVAL = -1,    /* bad argument or bad input from a person */
	KIOSK_ENOMEM = -2,    /* out of memory */
	KIOSK_EIO = -3,	      /* file or device I/O failed */
	KIOSK_ENET = -4,      /* the server (portal, terminal, ...) could not be reached */
	KIOSK_ETIMEDOUT = -5, /* no answer before the deadline: outcome unknown */
	KIOSK_ETLS = -6,      /* TLS failed: certificate not trusted, handshake failed */
	KIOSK_EPROTO = -7,    /* the peer answered something we cannot understand */
	KIOSK_ENOTFOUND = -8, /* no such account, payment or record */
	KIOSK_ESTORE = -9,    /* sqlite failed */
	KIOSK_ECARD = -10,    /* unreadable swipe: ask to swipe again */
	KIOSK_EEXPIRED = -11, /* the card has expired */
	KIOSK_EDEVICE = -12,  /* a device is missing or refused the job */
	KIOSK_EPAPER = -13,   /* the printer is out of paper or its cover is open */
	KIOSK_ECRYPTO = -14,  /* a crypto operation failed */
	KIOSK_ESERVER = -15,  /* the server answered with a server error (5xx) */
	KIOSK_EBUSY = -16,    /* try again later (locked, rate limited) */
	KIOSK_ENOTYET = -17,  /* not valid yet (a certificate before its start date) */
	KIOSK_ESTATE = -18,   /* not allowed in the current state (e.g. a journal transition) */
	KIOSK_EOFFLINE =
	    -19, /* a party was not reached and nothing was sent (a terminal's reboot) */
};

/* A short English description for logs; screens use their own translated words. */
const char *kiosk_strerror(int err);

#endif
