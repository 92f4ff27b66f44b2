//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's XDP flow stage (--flows, ingress).
 *
 * For every packet: count it, run the spliced tcpdump filter, and add the
 * matching frame to its flow's per-CPU counters in an LRU hash; then
 * tail-call the next stage of the chain like capture.c does. Nothing goes
 * through the ring buffer, so this keeps up where full capture cannot.
 * The TC egress counterpart is flows_egress.c; both share one flows map
 * (the loader replaces one by the other).
 *
 * stats: seen = packets that reached the program, matched = accepted by
 * the filter, captured = counted into a flow, lost = could not be counted
 * (no room in the map even after LRU eviction). */
#include "include/xdp_stage.h"
#include "include/flows.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

FLOWS_MAP(flows);

static __always_inline int run(struct xdp_md *ctx)
{
	struct xdpdump_stats *st = xdpdump_stats();
	struct xdpdump_flow_key k = {};

	if (!st || !XDPDUMP_MATCH(ctx, st))
		return xdpdump_next(ctx);
	flow_parse((void *)(long)ctx->data, (void *)(long)ctx->data_end, &k);
	k.ifindex = ctx->ingress_ifindex;
	k.dir = XDPDUMP_DIR_INGRESS;
	flow_count(&flows, &k, bpf_xdp_get_buff_len(ctx), st);
	return xdpdump_next(ctx);
}

XDPDUMP_XDP_ENTRY(xdpdump_flows, run)
