//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's traffic generator.
 *
 * Run with BPF_PROG_TEST_RUN in live-frames mode
 * (BPF_F_TEST_XDP_LIVE_FRAMES): every repetition hands this program the
 * template frame, and XDP_TX sends it out of the device named by the run's
 * ingress_ifindex. The program paces itself: it returns XDP_DROP (cheap,
 * nothing leaves) until the next frame is due, so one syscall can run for a
 * long time at any rate. Each frame sent carries a sequence number and a
 * varying UDP source port.
 *
 * The template is Ethernet + IPv4 + UDP (checksum 0) + struct tg_hdr, so
 * writing the sequence number and port needs no checksum update. */
#include "pace.h"

#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Offsets in the template frame (IPv4 without options). */
#define TG_SPORT_OFF (14 + 20)
#define TG_HDR_OFF (14 + 20 + 8)

/* Written after the UDP header of every frame. Big-endian on the wire. */
struct tg_hdr {
	__u32 magic;  /* TG_MAGIC, set by the template */
	__u32 run_id; /* set by the template, tells runs apart */
	__u64 seq;    /* 0, 1, 2, ... in sending order */
};

/* Set by the loader (rodata). */
const volatile __u16 sport_base = 1024;
const volatile __u16 sport_mask = 0xff; /* source port = base + (seq & mask) */

SEC("xdp")
int trafficgen(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct tg_hdr *h = data + TG_HDR_OFF;
	__u16 *sport = data + TG_SPORT_OFF;
	__u64 seq = sent, now;

	if ((void *)(h + 1) > end)
		return XDP_ABORTED;
	if (!tg_due(seq, &now))
		return XDP_DROP;
	h->seq = bpf_cpu_to_be64(seq);
	*sport = bpf_htons(sport_base + (seq & sport_mask));
	tg_sent(seq, now);
	return XDP_TX;
}
