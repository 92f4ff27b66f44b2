//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's TC egress capture (attached with tcx, or clsact).
 *
 * Count the packet, run the spliced tcpdump filter
 * (include/filter_skb.h), and record the frame (up to the snap length)
 * into the capture's ring with hook = XDPDUMP_HOOK_TC_EGRESS. The spliced
 * filter reads past the skb's linear part with bpf_skb_load_bytes by
 * itself. It never changes what happens to the packet: it returns
 * TCX_NEXT, so the TC programs after it run as before. */
#include "include/stage.h"
#include "include/filter_skb.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define TCX_NEXT (-1)

static __always_inline void record(struct __sk_buff *skb, struct xdpdump_stats *st, __u64 want)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct xdpdump_scratch *s = xdpdump_scratch(st, cpu);
	__u64 len, cap;

	if (!s)
		return;
	len = skb->len;
	cap = xdpdump_cap_len(len, want);
	if (cap < 1)
		return;
	if (bpf_skb_load_bytes(skb, 0, s->data, cap) < 0) {
		st->lost++;
		return;
	}
	s->hdr.orig_len = len;
	s->hdr.ifindex = skb->ifindex;
	s->hdr.rx_queue = skb->queue_mapping;
	s->hdr.hook = XDPDUMP_HOOK_TC_EGRESS;
	s->hdr.verdict = 0;
	xdpdump_emit(s, cap, st, cpu);
}

SEC("tc")
int xdpdump_egress(struct __sk_buff *skb)
{
	struct xdpdump_stats *st = xdpdump_stats();
	__u32 want;

	if (!st)
		return TCX_NEXT;
	want = XDPDUMP_MATCH(skb, st);
	if (want)
		record(skb, st, want);
	return TCX_NEXT;
}
