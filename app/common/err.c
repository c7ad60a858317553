/* Text for the KIOSK_E* codes, for logs and command-line tools. */
#include "app/common/err.h"

const char *kiosk_strerror(int err)
{
	switch (err) {
	case KIOSK_OK: return "success";
	case KIOSK_EINVAL: return "invalid argument";
	case KIOSK_ENOMEM: return "out of memory";
	case KIOSK_EIO: return "input/output error";
	case KIOSK_ENET: return "portal unreachable";
	case KIOSK_ETIMEDOUT: return "timed out";
	case KIOSK_ETLS: return "TLS verification failed";
	case KIOSK_EPROTO: return "malformed answer";
	case KIOSK_ENOTFOUND: return "not found";
	case KIOSK_ESTORE: return "storage error";
	case KIOSK_ECARD: return "unreadable card";
	case KIOSK_EEXPIRED: return "card expired";
	case KIOSK_EDEVICE: return "device error";
	case KIOSK_EPAPER: return "printer out of paper";
	case KIOSK_ECRYPTO: return "crypto error";
	case KIOSK_ESERVER: return "portal server error";
	case KIOSK_EBUSY: return "busy";
	case KIOSK_ENOTYET: return "not valid yet";
	case KIOSK_ESTATE: return "not allowed in this state";
	case KIOSK_EOFFLINE: return "not reached, nothing sent";
	}
	return "unknown error";
}
