//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* A program with its own prog array: tc_entry sorts frames and tail-calls
 * jmp[TC_UDP] for IPv4 UDP (tc_udp: the firewall of fw.h) and jmp[TC_OTHER]
 * for the rest (tc_other: counts and passes). The test loader fills jmp.
 * In front of it xdpdump's own tail call is one more hop of the same
 * budget (33). */
#include "fw.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

enum { TC_UDP = 0, TC_OTHER = 1 };

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, __u32);
} jmp SEC(".maps");

SEC("xdp")
int tc_entry(struct xdp_md *ctx)
{
	if (fw_udp(ctx))
		bpf_tail_call(ctx, &jmp, TC_UDP);
	else
		bpf_tail_call(ctx, &jmp, TC_OTHER);
	/* An empty slot: aborted, so that a test sees it. */
	return XDP_ABORTED;
}

SEC("xdp")
int tc_udp(struct xdp_md *ctx)
{
	return fw_run(ctx);
}

SEC("xdp")
int tc_other(struct xdp_md *ctx)
{
	fw_count(FW_OTHER);
	return XDP_PASS;
}
