/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* What every XDP stage of xdpdump's chain shares, on top of stage.h: the
 * chain prog array and next_slot, the xdp / xdp.frags pair of entry
 * points, and copying a frame (fragments included) into a record.
 *
 * The chain contract: every stage ends with a tail call through `chain`
 * at next_slot (set by the loader); slot 0 holds the program that was
 * attached before xdpdump. An empty slot makes the tail call fall
 * through, and the packet is passed to the stack. */
#ifndef XDPDUMP_XDP_STAGE_H
#define XDPDUMP_XDP_STAGE_H

#include "stage.h"
#include "filter.h"

/* Slot of the chain map to tail-call when the stage is done. */
const volatile __u32 next_slot = 0;

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} chain SEC(".maps");

/* Runs the next stage; returns only when its slot is empty. */
static __always_inline int xdpdump_next(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &chain, next_slot);
	return XDP_PASS;
}

/* Every stage exists twice: a prog array only tail-calls programs whose
 * xdp.frags flag matches, so the loader keeps the variant that matches
 * the program the chain stands in front of (frags when nothing is
 * attached, so that jumbo MTUs work) and drops the other. */
#define XDPDUMP_XDP_ENTRY(name, fn)                              \
	SEC("xdp.frags") int name##_frags(struct xdp_md *ctx)     \
	{                                                        \
		return fn(ctx);                                  \
	}                                                        \
	SEC("xdp") int name(struct xdp_md *ctx)                  \
	{                                                        \
		return fn(ctx);                                  \
	}

/* Records up to want bytes of the frame (fragments of multi-buffer frames
 * included, at most the snap length) with the given hook, verdict and
 * packet id (0 = a new one). */
static __always_inline void xdpdump_record_xdp_id(struct xdp_md *ctx, struct xdpdump_stats *st,
						  __u64 want, __u16 hook, __u16 verdict, __u64 id)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct xdpdump_scratch *s = xdpdump_scratch(st, cpu);
	__u64 len, cap;

	if (!s)
		return;
	if (id)
		s->hdr.pkt_id = id;
	len = bpf_xdp_get_buff_len(ctx);
	cap = xdpdump_cap_len(len, want);
	if (cap < 1)
		return;
	if (bpf_xdp_load_bytes(ctx, 0, s->data, cap) < 0) {
		st->lost++;
		return;
	}
	s->hdr.orig_len = len;
	s->hdr.ifindex = ctx->ingress_ifindex;
	s->hdr.rx_queue = ctx->rx_queue_index;
	s->hdr.hook = hook;
	s->hdr.verdict = verdict;
	xdpdump_emit(s, cap, st, cpu);
}

/* Records up to want bytes of the frame under a new packet id. */
static __always_inline void xdpdump_record_xdp(struct xdp_md *ctx, struct xdpdump_stats *st,
					       __u64 want, __u16 hook, __u16 verdict)
{
	xdpdump_record_xdp_id(ctx, st, want, hook, verdict, 0);
}

#endif
