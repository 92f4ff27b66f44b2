//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* A stand-in for a program instrumented for cloudflare's xdpcap: it ends
 * every packet with a tail call into its hook, a prog array indexed by the
 * XDP action (xdpcap's hook ABI: 4-byte keys and values, one slot per
 * action, 5 in all), and returns the action when the slot is empty.
 *
 * It drops IPv4 UDP to port 9999, rewrites IPv4 UDP to port 7777 into
 * port 7778 (updating the UDP checksum) and passes everything else,
 * counting what it did in `verdicts`. The loader pins the hook and loads
 * the program against it (MapReplacements), as xdpcap's users do with
 * xdpcap.NewHook and Patch. Both entry points share the hook, so a
 * collection keeps only one of them: a prog array takes the frags flag of
 * the first program that uses it. */
#include "testprog.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define DROP_PORT 9999
#define FROM_PORT 7777
#define TO_PORT 7778

enum {
	V_OTHER = 0,   /* passed untouched */
	V_DROP = 1,    /* UDP to DROP_PORT */
	V_REWRITE = 2, /* UDP to FROM_PORT, now TO_PORT */
	V_MAX,
};

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 5);
	__type(key, int);
	__type(value, int);
} xdpcap_hook SEC(".maps");

TESTPROG_COUNTERS(verdicts, V_MAX);

/* What xdpcap's hook.h has the program return. */
static __always_inline int hook_exit(struct xdp_md *ctx, int action)
{
	bpf_tail_call(ctx, &xdpcap_hook, action);
	return action;
}

static __always_inline int decide(struct xdp_md *ctx)
{
	struct udphdr *udp = udp4((void *)(long)ctx->data, (void *)(long)ctx->data_end);

	if (!udp)
		goto other;
	if (udp->dest == bpf_htons(DROP_PORT)) {
		count_at(&verdicts, V_DROP);
		return XDP_DROP;
	}
	if (udp->dest != bpf_htons(FROM_PORT))
		goto other;
	udp->dest = bpf_htons(TO_PORT);
	udp_csum_replace(udp, FROM_PORT, TO_PORT);
	count_at(&verdicts, V_REWRITE);
	return XDP_PASS;
other:
	count_at(&verdicts, V_OTHER);
	return XDP_PASS;
}

SEC("xdp")
int xdpcap_fw(struct xdp_md *ctx)
{
	return hook_exit(ctx, decide(ctx));
}

SEC("xdp.frags")
int xdpcap_fw_frags(struct xdp_md *ctx)
{
	return hook_exit(ctx, decide(ctx));
}
