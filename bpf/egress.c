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

#define EGRESS_HDR(h, skb, len)                                  \
	do {                                                     \
		(h)->orig_len = (len);                           \
		(h)->ifindex = (skb)->ifindex;                   \
		(h)->rx_queue = (skb)->queue_mapping;            \
		(h)->hook = XDPDUMP_HOOK_TC_EGRESS;              \
		(h)->verdict = 0;                                \
	} while (0)

/* One copy: the skb's bytes loaded straight into a reservation of the
 * record's size class (include/stage.h). */
static __always_inline void record_class(struct __sk_buff *skb, struct xdpdump_stats *st, __u64 len,
					 __u64 cap, __u32 cpu)
{
	XDPDUMP_RECORD_CLASS(skb, bpf_skb_load_bytes, st, cap, cpu, 0, EGRESS_HDR, skb, len);
}

/* Two copies: into scratch, then into the ring (GSO super-packets of up
 * to 64 KiB, beyond the size classes). */
static __always_inline void record_scratch(struct __sk_buff *skb, struct xdpdump_stats *st, __u64 len,
					   __u64 cap, __u32 cpu)
{
	struct xdpdump_scratch *s = xdpdump_scratch(st, cpu);

	if (!s)
		return;
	if (bpf_skb_load_bytes(skb, 0, s->data, cap) < 0) {
		st->lost++;
		return;
	}
	EGRESS_HDR(&s->hdr, skb, len);
	xdpdump_emit(s, cap, st, cpu);
}

static __always_inline void record(struct __sk_buff *skb, struct xdpdump_stats *st, __u64 want)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u64 len = skb->len, cap;
	__u8 mode = copy_mode;

	if (!xdpdump_alive(xdpdump_ctl())) {
		st->lost++;
		return;
	}
	cap = xdpdump_cap_len(len, want);
	if (cap < 1)
		return;
	if (mode == XDPDUMP_COPY_AUTO)
		mode = cap <= XDPDUMP_CLASS_MAX ? XDPDUMP_COPY_CLASS : XDPDUMP_COPY_SCRATCH;
	if (mode == XDPDUMP_COPY_CLASS && cap <= XDPDUMP_CLASS_MAX)
		record_class(skb, st, len, cap, cpu);
	else
		record_scratch(skb, st, len, cap, cpu);
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
