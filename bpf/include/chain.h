/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The chain contract, all an XDP program needs to be a stage of xdpdump's
 * chain (xdpdump's own stages through include/xdp_stage.h, users' stages
 * for `xdpdump chain --insert` directly): a prog array named `chain`,
 * which the loader replaces by the chain's own, and the rodata next_slot,
 * which it sets. Every stage ends with a tail call through `chain` at
 * next_slot; slot 0 holds the program that was attached before xdpdump.
 * An empty slot makes the tail call fall through, and the packet is
 * passed to the stack. */
#ifndef XDPDUMP_CHAIN_H
#define XDPDUMP_CHAIN_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

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

#endif
