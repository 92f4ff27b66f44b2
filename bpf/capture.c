//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's XDP capture stage.
 *
 * For every packet: count it, run the spliced tcpdump filter, copy the
 * matching frame (fragments of multi-buffer frames included, up to the snap
 * length) into a per-CPU scratch buffer, push header + bytes into the ring
 * buffer sized to the packet, then tail-call the next stage of the chain
 * (bounce, a user's stage, or the program that was attached before us).
 * Without a next stage the packet is passed to the stack. */
#include "include/xdpdump.h"
#include "include/record.h"
#include "include/filter.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Filled in by the loader before load (rodata). */
const volatile __u32 snaplen = 262144;
const volatile __u8 filter_enabled = 0;
/* Wake the reader only once this many bytes wait in the ring;
 * 0 = let the kernel decide (wakes when the reader has caught up). */
const volatile __u32 wakeup_bytes = 0;
/* Slot of the chain map to tail-call after capture. */
const volatile __u32 next_slot = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 24);
} ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xdpdump_stats);
} stats SEC(".maps");

XDPDUMP_SCRATCH_MAP(scratch);

/* The chain: the loader puts the next stage at next_slot. An empty slot
 * makes the tail call fall through to XDP_PASS. */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} chain SEC(".maps");

static __always_inline void capture(struct xdp_md *ctx, struct xdpdump_stats *st, __u64 want)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct xdpdump_scratch *s = bpf_map_lookup_elem(&scratch, &cpu);
	__u64 len, cap;

	if (!s) {
		st->lost++;
		return;
	}
	len = bpf_xdp_get_buff_len(ctx);
	cap = xdpdump_cap_len(len, snaplen, want);
	if (cap < 1)
		return;
	if (bpf_xdp_load_bytes(ctx, 0, s->data, cap) < 0) {
		st->lost++;
		return;
	}
	s->hdr.orig_len = len;
	s->hdr.ifindex = ctx->ingress_ifindex;
	s->hdr.rx_queue = ctx->rx_queue_index;
	s->hdr.hook = XDPDUMP_HOOK_XDP;
	s->hdr.verdict = XDP_PASS;
	xdpdump_emit(&ring, s, cap, st, cpu, wakeup_bytes);
}

static __always_inline int run(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct xdpdump_stats *st = bpf_map_lookup_elem(&stats, &key);
	__u32 want = 0xffffffff;

	if (!st)
		goto next;
	st->seen++;
	if (filter_enabled) {
		want = xdpdump_filter(ctx);
		if (!want)
			goto next;
	}
	st->matched++;
	capture(ctx, st, want);
next:
	bpf_tail_call(ctx, &chain, next_slot);
	return XDP_PASS;
}

/* The same program twice: the prog array only tail-calls programs whose
 * xdp.frags flag matches, so the loader picks the variant that matches
 * the program it stands in front of (frags when nothing is attached). */
SEC("xdp.frags")
int xdpdump_capture_frags(struct xdp_md *ctx)
{
	return run(ctx);
}

SEC("xdp")
int xdpdump_capture(struct xdp_md *ctx)
{
	return run(ctx);
}
