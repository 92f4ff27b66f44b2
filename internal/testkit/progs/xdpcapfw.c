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
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

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

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, V_MAX);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static __always_inline void count(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&verdicts, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
}

/* What xdpcap's hook.h has the program return. */
static __always_inline int hook_exit(struct xdp_md *ctx, int action)
{
	bpf_tail_call(ctx, &xdpcap_hook, action);
	return action;
}

static __always_inline int decide(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct udphdr *udp;
	__u32 sum;

	if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		goto other;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end || ip->protocol != IPPROTO_UDP || ip->ihl != 5)
		goto other;
	udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > end)
		goto other;
	if (udp->dest == bpf_htons(DROP_PORT)) {
		count(V_DROP);
		return XDP_DROP;
	}
	if (udp->dest != bpf_htons(FROM_PORT))
		goto other;
	udp->dest = bpf_htons(TO_PORT);
	if (udp->check) {
		/* RFC 1624: HC' = ~(~HC + ~m + m'). */
		sum = (__u16)~bpf_ntohs(udp->check);
		sum += (__u16)~FROM_PORT;
		sum += TO_PORT;
		sum = (sum & 0xffff) + (sum >> 16);
		sum = (sum & 0xffff) + (sum >> 16);
		sum = (__u16)~sum;
		udp->check = bpf_htons(sum ? sum : 0xffff);
	}
	count(V_REWRITE);
	return XDP_PASS;
other:
	count(V_OTHER);
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
