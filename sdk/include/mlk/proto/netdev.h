/*
 * The network device protocol: an Ethernet driver (virtio-net, served
 * under net0, net1 ...) and the one network stack that uses it.  Replies
 * carry a status in the label.
 *
 * Frames never travel in messages.  The driver owns two pools of
 * MLK_NETDEV_SLOT_SIZE-byte slots, one the device receives into and one
 * it sends from, and gives the stack a handle to each at open: the
 * receive pool to map read-only, the send pool to map read-write.  A
 * frame starts MLK_NETDEV_FRAME_OFFSET bytes into its slot (the device's
 * own header comes before it).  Because the driver keeps the pools, a
 * stack that dies leaves nothing behind the device still writes to.
 *
 * Receive slots go round: the device fills one, the driver lists it as
 * ready in an MLK_NETDEV_XFER reply, the stack reads the frame and gives
 * the slot back in a later MLK_NETDEV_XFER, and the driver hands it to
 * the device again.  Send slots belong to the stack until it names one
 * in MLK_NETDEV_XFER with the frame's length, then to the driver until a
 * reply lists it as sent.  A new client starts with none: the replies
 * after its open list every send slot the device does not have as sent.
 */
#ifndef MLK_PROTO_NETDEV_H
#define MLK_PROTO_NETDEV_H

#include <stdint.h>

/* A slot: the device's header, then a frame of up to 1514 bytes (no
 * frame check sequence, no VLAN tag). */
#define MLK_NETDEV_SLOT_SIZE 2048u
#define MLK_NETDEV_FRAME_OFFSET 12u
#define MLK_NETDEV_FRAME_MAX 1514u
/* The most slot entries one MLK_NETDEV_XFER carries each way. */
#define MLK_NETDEV_XFER_MAX 30u

enum mlk_netdev_label {
	/* h0 a notification (MLK_RIGHT_SIGNAL) the driver signals with
	 * MLK_NETDEV_EVENT_BIT when frames are ready or sends are done.
	 * Reply: h0 a send handle of this client's own for MLK_NETDEV_XFER,
	 * h1 the receive pool (map read-only), h2 the send pool (map
	 * read-write); w0 the MAC address (its six bytes in the low 48 bits,
	 * the first byte lowest), w1 the receive slots, w2 the send slots,
	 * w3 1 if the link is up.  A second open replaces the first client:
	 * its handle gets MLK_ERR_BAD_STATE from then on, and every slot is
	 * the driver's again.  MLK_ERR_BAD_ARG(0) without a notification. */
	MLK_NETDEV_OPEN = 0x4e440001,
	/* w0 the receive slots given back (g), w1 the frames to send (s),
	 * then g words each a receive slot's number, then s words each a send
	 * slot's number | the frame's length << 32.  g and s at most
	 * MLK_NETDEV_XFER_MAX.  Reply: w0 frames ready (r), w1 send slots
	 * done (d), then r words each a receive slot's number | the frame's
	 * length << 32, then d words each a send slot's number.
	 * MLK_ERR_BAD_ARG(0)/(1) for a count above the limit or more words
	 * than the message has, MLK_ERR_BAD_ARG(2) for a slot number out of
	 * range or a slot that is not the client's (nothing of the request
	 * is done then), MLK_ERR_BAD_ARG(3) for a length of 0 or above
	 * MLK_NETDEV_FRAME_MAX, MLK_ERR_BAD_STATE through a replaced
	 * client's handle. */
	MLK_NETDEV_XFER = 0x4e440002,
	/* Reply: w0 frames received, w1 frames sent, w2 frames the driver
	 * dropped (received with no client open, or shorter than the
	 * device's header), w3 1 if the link is up. */
	MLK_NETDEV_STATS = 0x4e440003,
};

#define MLK_NETDEV_EVENT_BIT 1u

#endif
