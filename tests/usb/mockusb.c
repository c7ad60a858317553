/* The device side of usbdevfs for tests. The handler runs on umockdev's own thread, so all
 * state is under one mutex. URB buffers live in the same address space (LD_PRELOAD), as in
 * libusb's own umockdev tests, but go through umockdev's resolve API all the same. */
#include "tests/usb/mockusb.h"

#include <errno.h>
#include <linux/usbdevice_fs.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

struct pending {
	UMockdevIoctlData *urb;
	int status;
};

struct mockdev {
	UMockdevTestbed *tb;
	UMockdevIoctlBase *handler;
	char syspath[128];
	pthread_mutex_t lock;
	bool unplugged;
	size_t unplug_after; /* 0: never */
	GByteArray *received;
	uint8_t status[5];
	GQueue in_reports; /* GBytes */
	GQueue in_urbs;	   /* UMockdevIoctlData*: IN URBs waiting for data */
	GQueue done;	   /* struct pending*: ready to be reaped */
	uint8_t report_desc[1024];
	size_t report_desc_len;
	int claims, detaches, urbs;
	mock_reply_fn replier;
	void *replier_ctx;
	uint16_t in_size; /* wMaxPacketSize of the IN endpoint */
};

UMockdevTestbed *mock_testbed(void)
{
	return umockdev_testbed_new();
}

static void push_done(struct mockdev *m, UMockdevIoctlData *urb, int status)
{
	struct pending *p = g_new0(struct pending, 1);

	p->urb = urb;
	p->status = status;
	g_queue_push_tail(&m->done, p);
}

/* Hands queued reports to waiting IN URBs. Lock held. */
static void pump(struct mockdev *m)
{
	while (!g_queue_is_empty(&m->in_urbs) && !g_queue_is_empty(&m->in_reports)) {
		UMockdevIoctlData *d = g_queue_pop_head(&m->in_urbs);
		GBytes *b = g_queue_pop_head(&m->in_reports);
		struct usbdevfs_urb *urb = (struct usbdevfs_urb *)d->data;
		gsize n, all;
		const uint8_t *src = g_bytes_get_data(b, &all);

		n = all > (gsize)urb->buffer_length ? (gsize)urb->buffer_length : all;
		memcpy(urb->buffer, src, n);
		urb->actual_length = (int)n;
		/* The rest of a long report fills the next URB. */
		if (n < all)
			g_queue_push_head(&m->in_reports, g_bytes_new(src + n, all - n));
		g_bytes_unref(b);
		push_done(m, d, 0);
	}
}

static void take_out(struct mockdev *m, const uint8_t *buf, int len)
{
	if (len == 3 && buf[0] == 0x10 && buf[1] == 0x04 && buf[2] <= 4) {
		if (m->status[buf[2]])
			g_queue_push_tail(&m->in_reports, g_bytes_new(&m->status[buf[2]], 1));
		return;
	}
	g_byte_array_append(m->received, buf, (guint)len);
	if (m->replier) {
		uint8_t reply[1024];
		size_t n = m->replier(m->replier_ctx, buf, (size_t)len, reply, sizeof(reply));
		size_t piece = m->in_size ? m->in_size : 64;

		/* As a full-speed device sends it: packets of at most wMaxPacketSize. */
		for (size_t off = 0; off < n; off += piece)
			g_queue_push_tail(
			    &m->in_reports,
			    g_bytes_new(reply + off, n - off < piece ? n - off : piece));
	}
	if (m->unplug_after) {
		if ((size_t)len >= m->unplug_after) {
			m->unplug_after = 0;
			m->unplugged = true;
		} else {
			m->unplug_after -= (size_t)len;
		}
	}
}

static gboolean submit(struct mockdev *m, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	UMockdevIoctlData *d =
	    umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_urb), NULL);
	struct usbdevfs_urb *urb = (struct usbdevfs_urb *)d->data;
	UMockdevIoctlData *buf = umockdev_ioctl_data_resolve(
	    d, G_STRUCT_OFFSET(struct usbdevfs_urb, buffer), (gsize)urb->buffer_length, NULL);

	m->urbs++;
	if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
		const uint8_t *setup = buf->data;
		uint16_t w_value = (uint16_t)(setup[2] | setup[3] << 8);
		uint16_t w_length = (uint16_t)(setup[6] | setup[7] << 8);
		int status = -EPIPE;

		urb->actual_length = 0;
		/* GET_DESCRIPTOR (Report) to the interface: HID 1.11, 7.1.1. */
		if (setup[0] == 0x81 && setup[1] == 6 && w_value == 0x2200 && m->report_desc_len) {
			size_t n = m->report_desc_len < w_length ? m->report_desc_len : w_length;

			memcpy((uint8_t *)urb->buffer + 8, m->report_desc, n);
			urb->actual_length = (int)n;
			status = 0;
		}
		push_done(m, d, status);
	} else if (urb->endpoint & 0x80) {
		g_queue_push_tail(&m->in_urbs, d);
		pump(m);
	} else {
		take_out(m, buf->data, urb->buffer_length);
		urb->actual_length = urb->buffer_length;
		push_done(m, d, 0);
		pump(m);
	}
	umockdev_ioctl_data_unref(buf);
	umockdev_ioctl_client_complete(client, 0, 0);
	return TRUE;
}

static gboolean reap(struct mockdev *m, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	struct pending *p = g_queue_pop_head(&m->done);
	UMockdevIoctlData *ptr;

	if (!p && m->unplugged && !g_queue_is_empty(&m->in_urbs)) {
		p = g_new0(struct pending, 1);
		p->urb = g_queue_pop_head(&m->in_urbs);
		p->status = -ENODEV;
	}
	if (!p) {
		umockdev_ioctl_client_complete(client, -1, EAGAIN);
		return TRUE;
	}
	((struct usbdevfs_urb *)p->urb->data)->status = p->status;
	ptr = umockdev_ioctl_data_resolve(arg, 0, sizeof(gpointer), NULL);
	umockdev_ioctl_data_set_ptr(ptr, 0, p->urb);
	umockdev_ioctl_data_unref(ptr);
	umockdev_ioctl_data_unref(p->urb);
	g_free(p);
	umockdev_ioctl_client_complete(client, 0, 0);
	return TRUE;
}

static gboolean discard(struct mockdev *m, UMockdevIoctlClient *client, UMockdevIoctlData *arg)
{
	gulong addr = (gulong) * (void **)arg->data;

	for (GList *l = m->in_urbs.head; l; l = l->next) {
		UMockdevIoctlData *d = l->data;

		if (d->client_addr == addr) {
			g_queue_delete_link(&m->in_urbs, l);
			((struct usbdevfs_urb *)d->data)->actual_length = 0;
			push_done(m, d, -ENOENT);
			umockdev_ioctl_client_complete(client, 0, 0);
			return TRUE;
		}
	}
	umockdev_ioctl_client_complete(client, -1, EINVAL);
	return TRUE;
}

static gboolean on_ioctl(UMockdevIoctlBase *h, UMockdevIoctlClient *client, gpointer user)
{
	struct mockdev *m = user;
	gulong req = umockdev_ioctl_client_get_request(client);
	UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);
	gboolean handled = TRUE;

	(void)h;
	if (getenv("MOCKUSB_TRACE"))
		g_printerr("mockusb: ioctl %lx\n", req);
	pthread_mutex_lock(&m->lock);
	if (req == USBDEVFS_REAPURB || req == USBDEVFS_REAPURBNDELAY) {
		/* Reaping still works after an unplug: that is how URBs learn they failed. */
		handled = reap(m, client, arg);
		goto out;
	}
	if (m->unplugged && req != USBDEVFS_DISCARDURB && req != USBDEVFS_RELEASEINTERFACE) {
		umockdev_ioctl_client_complete(client, -1, ENODEV);
		goto out;
	}
	switch (req) {
	case USBDEVFS_GET_CAPABILITIES: {
		UMockdevIoctlData *d = umockdev_ioctl_data_resolve(arg, 0, sizeof(guint32), NULL);

		*(guint32 *)d->data = USBDEVFS_CAP_BULK_CONTINUATION |
				      USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
				      USBDEVFS_CAP_REAP_AFTER_DISCONNECT;
		umockdev_ioctl_data_unref(d);
		umockdev_ioctl_client_complete(client, 0, 0);
		break;
	}
	case USBDEVFS_GETDRIVER: {
		UMockdevIoctlData *d =
		    umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_getdriver), NULL);
		struct usbdevfs_getdriver *g = (struct usbdevfs_getdriver *)d->data;

		/* A kernel driver holds the interface until the kiosk detaches it. */
		if (m->detaches) {
			umockdev_ioctl_client_complete(client, -1, ENODATA);
		} else {
			snprintf(g->driver, sizeof(g->driver), "%s", "usbhid");
			umockdev_ioctl_client_complete(client, 0, 0);
		}
		umockdev_ioctl_data_unref(d);
		break;
	}
	case USBDEVFS_IOCTL: {
		UMockdevIoctlData *d =
		    umockdev_ioctl_data_resolve(arg, 0, sizeof(struct usbdevfs_ioctl), NULL);

		if (((struct usbdevfs_ioctl *)d->data)->ioctl_code == (int)USBDEVFS_DISCONNECT)
			m->detaches++;
		umockdev_ioctl_data_unref(d);
		umockdev_ioctl_client_complete(client, 0, 0);
		break;
	}
	case USBDEVFS_DISCONNECT_CLAIM:
		/* libusb's auto-detach: take the interface from whatever kernel driver has it. */
		m->detaches++;
		m->claims++;
		umockdev_ioctl_client_complete(client, 0, 0);
		break;
	case USBDEVFS_CLAIMINTERFACE:
		m->claims++;
		umockdev_ioctl_client_complete(client, 0, 0);
		break;
	case USBDEVFS_SUBMITURB: handled = submit(m, client, arg); break;
	case USBDEVFS_DISCARDURB: handled = discard(m, client, arg); break;
	default: umockdev_ioctl_client_complete(client, 0, 0); break;
	}
out:
	pthread_mutex_unlock(&m->lock);
	return handled;
}

static void hex(GString *s, const uint8_t *b, size_t n)
{
	for (size_t k = 0; k < n; k++)
		g_string_append_printf(s, "%02x", b[k]);
}

struct mockdev *mock_add(UMockdevTestbed *tb, int devnum, const struct mock_desc *d)
{
	struct mockdev *m = g_new0(struct mockdev, 1);
	char node[64];
	GString *desc = g_string_new(""), *rec = g_string_new("");
	int total = 9 + (d->cdc ? 9 + 7 : 0) + 9 + 7 * d->n_eps;
	uint8_t dev[18] = {18,
			   1,
			   0x00,
			   0x02,
			   0,
			   0,
			   0,
			   64,
			   (uint8_t)(d->vid & 0xFF),
			   (uint8_t)(d->vid >> 8),
			   (uint8_t)(d->pid & 0xFF),
			   (uint8_t)(d->pid >> 8),
			   0x00,
			   0x01,
			   1,
			   2,
			   3,
			   1};
	uint8_t cfg[9] = {9, 2, (uint8_t)total, 0, d->cdc ? 2 : 1, 1, 0, 0x80, 50};
	uint8_t itf[9] = {9,
			  4,
			  d->cdc ? 1 : 0,
			  0,
			  (uint8_t)d->n_eps,
			  d->iface_class,
			  d->iface_sub,
			  d->iface_proto,
			  0};
	/* CDC ACM's communication interface with its notification endpoint. */
	static const uint8_t comm[9 + 7] = {9, 4, 0, 0, 1, 2, 2, 1, 0, 7, 5, 0x83, 3, 8, 0, 16};

	m->tb = tb;
	m->status[3] = 0x12; /* DLE EOT 3: no error, like any printer that is fine */
	pthread_mutex_init(&m->lock, NULL);
	m->received = g_byte_array_new();
	hex(desc, dev, sizeof(dev));
	hex(desc, cfg, sizeof(cfg));
	if (d->cdc)
		hex(desc, comm, sizeof(comm));
	hex(desc, itf, sizeof(itf));
	for (int e = 0; e < d->n_eps; e++) {
		uint8_t ep[7] = {7,
				 5,
				 d->eps[e].addr,
				 d->eps[e].type,
				 (uint8_t)(d->eps[e].size & 0xFF),
				 (uint8_t)(d->eps[e].size >> 8),
				 d->eps[e].type == 3 ? 1 : 0};
		hex(desc, ep, sizeof(ep));
		if (d->eps[e].addr & 0x80)
			m->in_size = d->eps[e].size;
	}
	snprintf(node, sizeof(node), "/dev/bus/usb/001/%03d", devnum);
	snprintf(m->syspath, sizeof(m->syspath), "/sys/devices/usb1/1-%d", devnum);
	m->handler = umockdev_ioctl_base_new();
	g_signal_connect(m->handler, "handle-ioctl", G_CALLBACK(on_ioctl), m);
	/* The handler first, so that the device is never seen without it. */
	g_assert_true(umockdev_testbed_attach_ioctl(tb, node, m->handler, NULL));
	g_string_printf(rec,
			"P: /devices/usb1/1-%d\nN: bus/usb/001/%03d\nE: SUBSYSTEM=usb\n"
			"E: DEVNAME=%s\nE: DEVTYPE=usb_device\nE: BUSNUM=001\nE: DEVNUM=%03d\n"
			"A: busnum=1\\n\nA: devnum=%d\\n\nA: bConfigurationValue=1\\n\n"
			"A: speed=12\\n\nH: descriptors=%s\n",
			devnum, devnum, node, devnum, devnum, desc->str);
	g_assert_true(umockdev_testbed_add_from_string(tb, rec->str, NULL));
	g_string_free(desc, TRUE);
	g_string_free(rec, TRUE);
	return m;
}

void mock_free(struct mockdev *m)
{
	struct pending *p;
	GBytes *b;
	UMockdevIoctlData *d;

	while ((p = g_queue_pop_head(&m->done))) {
		umockdev_ioctl_data_unref(p->urb);
		g_free(p);
	}
	while ((d = g_queue_pop_head(&m->in_urbs)))
		umockdev_ioctl_data_unref(d);
	while ((b = g_queue_pop_head(&m->in_reports)))
		g_bytes_unref(b);
	g_byte_array_unref(m->received);
	g_object_unref(m->handler);
	pthread_mutex_destroy(&m->lock);
	g_free(m);
}

void mock_set_status(struct mockdev *m, uint8_t s1, uint8_t s2, uint8_t s4)
{
	pthread_mutex_lock(&m->lock);
	m->status[1] = s1;
	m->status[2] = s2;
	m->status[4] = s4;
	pthread_mutex_unlock(&m->lock);
}

void mock_set_error_status(struct mockdev *m, uint8_t s3)
{
	pthread_mutex_lock(&m->lock);
	m->status[3] = s3;
	pthread_mutex_unlock(&m->lock);
}

void mock_queue_asb(struct mockdev *m, const uint8_t packet[4])
{
	pthread_mutex_lock(&m->lock);
	g_queue_push_tail(&m->in_reports, g_bytes_new(packet, 4));
	pump(m);
	pthread_mutex_unlock(&m->lock);
}

void mock_set_report_descriptor(struct mockdev *m, const uint8_t *desc, size_t len)
{
	pthread_mutex_lock(&m->lock);
	m->report_desc_len = len < sizeof(m->report_desc) ? len : sizeof(m->report_desc);
	memcpy(m->report_desc, desc, m->report_desc_len);
	pthread_mutex_unlock(&m->lock);
}

uint8_t *mock_received(struct mockdev *m, size_t *len)
{
	uint8_t *out;

	pthread_mutex_lock(&m->lock);
	*len = m->received->len;
	out = g_memdup2(m->received->data, m->received->len ? m->received->len : 1);
	pthread_mutex_unlock(&m->lock);
	return out;
}

void mock_clear_received(struct mockdev *m)
{
	pthread_mutex_lock(&m->lock);
	g_byte_array_set_size(m->received, 0);
	pthread_mutex_unlock(&m->lock);
}

void mock_unplug_after(struct mockdev *m, size_t n)
{
	pthread_mutex_lock(&m->lock);
	m->unplug_after = n;
	pthread_mutex_unlock(&m->lock);
}

void mock_set_unplugged(struct mockdev *m, bool unplugged)
{
	pthread_mutex_lock(&m->lock);
	m->unplugged = unplugged;
	pthread_mutex_unlock(&m->lock);
}

void mock_set_replier(struct mockdev *m, mock_reply_fn fn, void *ctx)
{
	pthread_mutex_lock(&m->lock);
	m->replier = fn;
	m->replier_ctx = ctx;
	pthread_mutex_unlock(&m->lock);
}

void mock_queue_in(struct mockdev *m, const uint8_t *data, size_t len)
{
	pthread_mutex_lock(&m->lock);
	g_queue_push_tail(&m->in_reports, g_bytes_new(data, len));
	pump(m);
	pthread_mutex_unlock(&m->lock);
}

#define GETTER(name, field)                                                                        \
	int name(struct mockdev *m)                                                                \
	{                                                                                          \
		int v;                                                                             \
		pthread_mutex_lock(&m->lock);                                                      \
		v = m->field;                                                                      \
		pthread_mutex_unlock(&m->lock);                                                    \
		return v;                                                                          \
	}
GETTER(mock_claims, claims)
GETTER(mock_detaches, detaches)
GETTER(mock_urbs, urbs)
