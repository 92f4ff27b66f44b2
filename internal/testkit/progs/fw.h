/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The body of the "firewall" stand-ins of the loader matrix (fw*.c,
 * tailcall.c, subprog.c) and of chaintest.c: an XDP program as users run
 * them, which knows nothing about xdpdump. It drops IPv4 UDP to port FW_DROP_PORT, rewrites
 * the first payload byte of every other IPv4 UDP datagram to FW_MARK
 * (fixing the UDP checksum) and counts its verdicts in `verdicts`. */
#ifndef FW_H
#define FW_H

#include "testprog.h"

#define FW_DROP_PORT 9
#define FW_MARK 'R'

enum {
	FW_OTHER = 0,   /* not IPv4 UDP: passed untouched */
	FW_DROP = 1,    /* UDP to FW_DROP_PORT: dropped */
	FW_REWRITE = 2, /* other UDP: first payload byte rewritten, passed */
	FW_MAX,
};

TESTPROG_COUNTERS(verdicts, FW_MAX);

static __always_inline void fw_count(__u32 k)
{
	count_at(&verdicts, k);
}

/* fw_udp returns the UDP header of an IPv4 UDP frame (no IP options),
 * or NULL. */
static __always_inline struct udphdr *fw_udp(struct xdp_md *ctx)
{
	return udp4((void *)(long)ctx->data, (void *)(long)ctx->data_end);
}

/* fw_rewrite sets the first payload byte to FW_MARK (RFC 1624 update of
 * the checksum); it returns XDP_PASS. */
static __always_inline int fw_rewrite(struct xdp_md *ctx, struct udphdr *udp)
{
	void *end = (void *)(long)ctx->data_end;
	__u8 *p = (void *)(udp + 1);
	__u16 oldw;

	if ((void *)(p + 2) > end) {
		fw_count(FW_OTHER);
		return XDP_PASS;
	}
	oldw = ((__u16)p[0] << 8) | p[1];
	p[0] = FW_MARK;
	udp_csum_replace(udp, oldw, ((__u16)p[0] << 8) | p[1]);
	fw_count(FW_REWRITE);
	return XDP_PASS;
}

static __always_inline int fw_run(struct xdp_md *ctx)
{
	struct udphdr *udp = fw_udp(ctx);

	if (!udp) {
		fw_count(FW_OTHER);
		return XDP_PASS;
	}
	if (udp->dest == bpf_htons(FW_DROP_PORT)) {
		fw_count(FW_DROP);
		return XDP_DROP;
	}
	return fw_rewrite(ctx, udp);
}

#endif
