//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* BPF-to-BPF calls: sp_plain runs the firewall of fw.h through __noinline
 * subprograms; sp_tail does it through a __noinline subprogram that
 * tail-calls its own prog array (slot 0: sp_leaf, the firewall), which
 * the verifier allows only with the JIT and a small enough stack. */
#include "fw.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} sp_jmp SEC(".maps");

static __noinline int sp_verdict(struct xdp_md *ctx, __u32 port)
{
	if (port == FW_DROP_PORT) {
		fw_count(FW_DROP);
		return XDP_DROP;
	}
	return -1;
}

static __noinline int sp_udp(struct xdp_md *ctx)
{
	struct udphdr *udp = fw_udp(ctx);
	int v;

	if (!udp) {
		fw_count(FW_OTHER);
		return XDP_PASS;
	}
	v = sp_verdict(ctx, bpf_ntohs(udp->dest));
	if (v >= 0)
		return v;
	/* Re-derive the header: the verifier forgets packet bounds across
	 * calls. */
	udp = fw_udp(ctx);
	if (!udp) {
		fw_count(FW_OTHER);
		return XDP_PASS;
	}
	return fw_rewrite(ctx, udp);
}

SEC("xdp")
int sp_plain(struct xdp_md *ctx)
{
	return sp_udp(ctx);
}

static __noinline int sp_jump(struct xdp_md *ctx)
{
	bpf_tail_call(ctx, &sp_jmp, 0);
	/* Reached only if the tail call fails. Not a constant: clang would
	 * fold a constant return into the caller and lose the return value
	 * of the tail-called program, which comes back to sp_tail. */
	return ctx->rx_queue_index > 0xffff ? XDP_DROP : XDP_ABORTED;
}

SEC("xdp")
int sp_tail(struct xdp_md *ctx)
{
	return sp_jump(ctx);
}

SEC("xdp")
int sp_leaf(struct xdp_md *ctx)
{
	return sp_udp(ctx);
}
