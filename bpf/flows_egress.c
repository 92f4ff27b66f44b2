//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's TC egress flow counter (--flows with -Q out/inout).
 *
 * Counts every packet the spliced filter accepts into its flow
 * (include/flows.h), in the same flows map as the XDP flow stage, and
 * returns TCX_NEXT, so the TC programs after it run as before. The only
 * change to an skb: when the headers are not all in the linear part,
 * bpf_skb_pull_data moves up to the first 256 bytes there (layout only,
 * the bytes stay the same) so that the parser can read them. */
#include "include/stage.h"
#include "include/filter_skb.h"
#include "include/flows.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define TCX_NEXT (-1)
/* Bytes the flow parser may need in the linear area. */
#define PULL_BYTES 256

FLOWS_MAP(flows);

static __always_inline void pull_headers(struct __sk_buff *skb)
{
	__u32 want = skb->len;

	if (want > PULL_BYTES)
		want = PULL_BYTES;
	if (skb->data_end - skb->data < want)
		bpf_skb_pull_data(skb, want);
}

SEC("tc")
int xdpdump_flows_egress(struct __sk_buff *skb)
{
	struct xdpdump_stats *st = xdpdump_stats();
	struct xdpdump_flow_key k = {};

	if (!st || !XDPDUMP_MATCH(skb, st))
		return TCX_NEXT;
	if (flow_parse((void *)(long)skb->data, (void *)(long)skb->data_end, &k)) {
		pull_headers(skb);
		__builtin_memset(&k, 0, sizeof(k));
		flow_parse((void *)(long)skb->data, (void *)(long)skb->data_end, &k);
	}
	k.ifindex = skb->ifindex;
	k.dir = XDPDUMP_DIR_EGRESS;
	flow_count(&flows, &k, skb->len, st);
	return TCX_NEXT;
}
