//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* Data an XDP program leaves for the stack, for the loader matrix:
 * meta_xdp takes frames of EtherType META_OUTER (an outer Ethernet header
 * in front of an ordinary frame), strips the outer header with
 * bpf_xdp_adjust_head, puts META_MAGIC in front of the data with
 * bpf_xdp_adjust_meta and counts them in `decap`. meta_tc, a TC ingress
 * program, counts in `seen` the IPv4 UDP datagrams to META_PORT that reach
 * it carrying that metadata: only a program in front that kept the XDP
 * buffer as meta_xdp left it lets them through. */
#include "testprog.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define META_OUTER 0x88B5
#define META_MAGIC 0x58445044
#define META_PORT 7777

TESTPROG_COUNTERS(decap, 1);
TESTPROG_COUNTERS(seen, 1);

SEC("xdp")
int meta_xdp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	void *meta;

	if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(META_OUTER))
		return XDP_PASS;
	if (bpf_xdp_adjust_head(ctx, sizeof(struct ethhdr)))
		return XDP_ABORTED;
	if (bpf_xdp_adjust_meta(ctx, -4))
		return XDP_ABORTED;
	meta = (void *)(long)ctx->data_meta;
	data = (void *)(long)ctx->data;
	if (meta + 4 > data)
		return XDP_ABORTED;
	*(__u32 *)meta = META_MAGIC;
	bump(&decap);
	return XDP_PASS;
}

SEC("tc")
int meta_tc(struct __sk_buff *skb)
{
	void *meta = (void *)(long)skb->data_meta;
	void *data = (void *)(long)skb->data;
	struct udphdr *udp;

	if (meta + 4 > data || *(__u32 *)meta != META_MAGIC)
		return -1; /* TCX_NEXT */
	udp = udp4(data, (void *)(long)skb->data_end);
	if (!udp || udp->dest != bpf_htons(META_PORT))
		return -1;
	bump(&seen);
	return -1;
}
