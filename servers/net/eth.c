/*
 * Ethernet II framing (IEEE 802.3 with an EtherType, RFC 894 for IPv4):
 * destination, source, type, then the payload.  Frames come without the
 * frame check sequence (the device checked it).  A frame shorter than a
 * header, with a length field (a type of 1500 or less: 802.3 with LLC),
 * or not for this interface (another unicast MAC) is dropped; padding
 * after the payload is the upper layer's to ignore.
 */
#include <string.h>

#include "bytes.h"
#include "net.h"

const uint8_t eth_broadcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

bool eth_parse(const uint8_t *frame, size_t len, struct eth_hdr *h)
{
	if (len < ETH_HLEN || len > ETH_FRAME_MAX)
		return false;
	memcpy(h->dst, frame, ETH_ALEN);
	memcpy(h->src, frame + ETH_ALEN, ETH_ALEN);
	h->type = get16(frame + 2 * ETH_ALEN);
	return h->type > ETH_MTU;
}

static bool for_us(const struct net *n, const struct eth_hdr *h)
{
	return memcmp(h->dst, n->mac, ETH_ALEN) == 0 ||
	       memcmp(h->dst, eth_broadcast, ETH_ALEN) == 0;
}

void eth_input(struct net *n, const uint8_t *frame, size_t len)
{
	struct eth_hdr h;

	n->cnt.rx_frames++;
	n->cnt.rx_bytes += len;
	if (!eth_parse(frame, len, &h) || !for_us(n, &h)) {
		n->cnt.eth_bad++;
		return;
	}
	switch (h.type) {
	case ETH_TYPE_ARP:
		arp_input(n, frame + ETH_HLEN, len - ETH_HLEN);
		break;
	case ETH_TYPE_IPV4:
		ip_input(n, frame + ETH_HLEN, len - ETH_HLEN);
		break;
	default:
		n->cnt.eth_bad++;
	}
}

bool eth_send(struct net *n, const uint8_t dst[ETH_ALEN], uint16_t type,
	      uint8_t *frame, size_t len)
{
	memcpy(frame, dst, ETH_ALEN);
	memcpy(frame + ETH_ALEN, n->mac, ETH_ALEN);
	put16(frame + 2 * ETH_ALEN, type);
	/* The device pads a short frame to the 60-byte minimum. */
	if (!n->send_frame(n->ctx, frame, len)) {
		n->cnt.tx_dropped++;
		return false;
	}
	n->cnt.tx_frames++;
	n->cnt.tx_bytes += len;
	return true;
}
