//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's XDP flow stage (--flows, ingress).
 *
 * For every packet: count it, run the spliced tcpdump filter, and add the
 * matching frame to its flow's per-CPU counters in an LRU hash; then
 * tail-call the next stage of the chain like capture.c does. Nothing goes
 * through the ring buffer, so this keeps up where full capture cannot.
 * The TC egress counterpart is xdpdump_flows_egress in egress.c; both
 * share one flows map (the loader replaces one by the other).
 *
 * stats: seen = packets that reached the program, matched = accepted by
 * the filter, captured = counted into a flow, lost = could not be counted
 * (no room in the map even after LRU eviction). */
#include "include/xdpdump.h"
#include "include/filter.h"
#include "include/flows.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

const volatile __u8 filter_enabled = 0;
const volatile __u32 next_slot = 0;

FLOWS_MAP(flows);

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xdpdump_stats);
} flow_stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} chain SEC(".maps");

static __always_inline int run(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct xdpdump_stats *st = bpf_map_lookup_elem(&flow_stats, &key);
	struct xdpdump_flow_key k = {};

	if (!st)
		goto next;
	st->seen++;
	if (filter_enabled && !xdpdump_filter(ctx))
		goto next;
	st->matched++;
	flow_parse((void *)(long)ctx->data, (void *)(long)ctx->data_end, &k);
	k.ifindex = ctx->ingress_ifindex;
	k.dir = XDPDUMP_DIR_INGRESS;
	flow_count(&flows, &k, bpf_xdp_get_buff_len(ctx), st);
next:
	bpf_tail_call(ctx, &chain, next_slot);
	return XDP_PASS;
}

/* Two variants as in capture.c: the prog array only tail-calls programs
 * whose xdp.frags flag matches. */
SEC("xdp.frags")
int xdpdump_flows_frags(struct xdp_md *ctx)
{
	return run(ctx);
}

SEC("xdp")
int xdpdump_flows(struct xdp_md *ctx)
{
	return run(ctx);
}
