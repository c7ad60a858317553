/* Text for the KIOSK_E* codes, for logs and command-line tools. The same code comes from the
 * portal, the payment terminal and the update server, so no text names one of them: the log
 * line says who (a terminal in its reboot was once logged as "portal unreachable"). */
#include "app/common/err.h"

const char *kiosk_strerror(int err)
{
	switch (err) {
	case KIOSK_OK: return "success";
	case KIOSK_EINVAL: return "invalid argument";
	case KIOSK_ENOMEM: return "out of memory";
	case KIOSK_EIO: return "input/output error";
	case KIOSK_ENET: return "unreachable";
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
	case KIOSK_ESERVER: return "server error (5xx)";
	case KIOSK_EBUSY: return "busy";
	case KIOSK_ENOTYET: return "not valid yet";
	case KIOSK_ESTATE: return "not allowed in this state";
	case KIOSK_EOFFLINE: return "not reached, nothing sent";
	}
	return "unknown error";
}
