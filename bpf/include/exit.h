/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The exit point of a capture (--capture-at exit|both), on top of
 * xdp_stage.h: the packet as the XDP program left it, with the program's
 * action as the verdict, linked to its entry copy by the packet id.
 *
 * Who knows the action: the exit stages in the slots of an xdpcap hook
 * (bpf/exit.c: the program tail-calls the slot of its action on its way
 * out), and xdpdump's own stages where they decide (bounce's XDP_TX and
 * XDP_DROP, and the end of the chain when nothing stands behind it:
 * XDP_PASS).
 *
 * The capture stage leaves, per CPU, the packet id of the entry copy of
 * the packet it runs (0 when the filter did not match) in entry_ids; the
 * stage that records the exit copy on the same CPU takes it. A CPU runs
 * one XDP packet at a time from the hook to its verdict (softirq, or BH
 * disabled), so the id it finds is that of the same packet. The loader
 * (internal/stage, stage.Exit) replaces the three maps by the capture's
 * own and sets exit_point.
 *
 * A stage's tail call must stay in its main function: made from a
 * BPF-to-BPF callee, the target's verdict does not come back as the
 * program's (observed on 6.18: the chain then passed what the program
 * behind it dropped). */
#ifndef XDPDUMP_EXIT_H
#define XDPDUMP_EXIT_H

#include "xdp_stage.h"

/* 1: the exit point is captured (set by the loader). Without it the
 * verifier removes all of this as dead code. */
const volatile __u8 exit_point = 0;

/* Per CPU: the packet id of the entry copy of the packet this CPU runs;
 * 0 = its entry did not match (or nothing left one). */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} entry_ids SEC(".maps");

/* The captured interfaces: ifindex -> their slot in exit_stats. An
 * xdpcap hook may be fed by programs on other interfaces too: their
 * packets are not ours and are not recorded. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} exit_ifs SEC(".maps");

/* Per CPU, per (interface slot, action): packets that left with that
 * action (seen), recorded at exit (matched = the filter matched at entry
 * or at exit), written to the ring (captured) and lost. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, XDPDUMP_ACTIONS);
	__type(key, __u32);
	__type(value, struct xdpdump_stats);
} exit_stats SEC(".maps");

/* Leaves the entry copy's packet id for the exit: a new id when the
 * entry matched (want != 0), else 0. Returns the id. */
static __always_inline __u64 xdpdump_entry_mark(__u32 want)
{
	__u32 key = 0;
	__u64 *slot = bpf_map_lookup_elem(&entry_ids, &key);
	__u64 id = 0;

	if (want)
		id = xdpdump_next_id(bpf_get_smp_processor_id());
	if (slot)
		*slot = id;
	return id;
}

/* Takes the entry copy's packet id left on this CPU (0 = none). */
static __always_inline __u64 xdpdump_entry_take(void)
{
	__u32 key = 0;
	__u64 *slot = bpf_map_lookup_elem(&entry_ids, &key);
	__u64 id;

	if (!slot)
		return 0;
	id = *slot;
	*slot = 0;
	return id;
}

/* The exit counters of the packet's interface for action act; NULL when
 * the interface is not one we capture on. */
static __always_inline struct xdpdump_stats *xdpdump_exit_stats(struct xdp_md *ctx, __u32 act)
{
	__u32 ifindex = ctx->ingress_ifindex;
	__u32 *slot = bpf_map_lookup_elem(&exit_ifs, &ifindex);
	__u32 key;

	if (!slot || act >= XDPDUMP_ACTIONS)
		return 0;
	key = *slot * XDPDUMP_ACTIONS + act;
	return bpf_map_lookup_elem(&exit_stats, &key);
}

/* The exit copy of a packet whose action one of our own stages decided:
 * recorded when its entry matched, or, with want != 0, in any case (up to
 * want bytes; bounce's answers, which xdpdump always recorded). Returns
 * act. */
static __always_inline int xdpdump_exit_ours(struct xdp_md *ctx, __u32 act, __u64 want)
{
	struct xdpdump_stats *st;
	__u64 id;

	if (!exit_point)
		return act;
	id = xdpdump_entry_take();
	st = xdpdump_exit_stats(ctx, act);
	if (!st)
		return act;
	st->seen++;
	if (id)
		want = 0xffffffff;
	if (!want)
		return act;
	st->matched++;
	xdpdump_record_xdp_id(ctx, st, want, XDPDUMP_HOOK_XDP_EXIT, act, id);
	return act;
}

#endif
