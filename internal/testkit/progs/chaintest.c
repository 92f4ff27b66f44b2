//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* A stand-in for an XDP program that already does real work on an
 * interface (used by internal/chain's tests and benchmark): it drops IPv4
 * UDP to port 9, rewrites the first payload byte of every other IPv4 UDP
 * datagram to CHAINTEST_MARK (fixing the UDP checksum) and counts its
 * verdicts in `verdicts`. It knows nothing about xdpdump.
 *
 * chaintest_stage is a user's stage for `xdpdump chain --insert`: it counts
 * the packets it sees in `stage_seen` and continues the chain the way
 * xdpdump's own stages do (tail call through `chain` at `next_slot`,
 * which the inserter sets). */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define CHAINTEST_MARK 'R'

enum {
	CT_OTHER = 0,   /* not IPv4 UDP: passed untouched */
	CT_DROP = 1,    /* UDP to port 9: dropped */
	CT_REWRITE = 2, /* other UDP: first payload byte rewritten, passed */
	CT_MAX,
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, CT_MAX);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static __always_inline void count(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&verdicts, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
}

static __always_inline int run(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct udphdr *udp;
	__u8 *p;
	__u32 sum;
	__u16 oldw, neww;

	if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		goto other;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end || ip->protocol != IPPROTO_UDP || ip->ihl < 5)
		goto other;
	udp = (void *)ip + ip->ihl * 4;
	if ((void *)(udp + 1) > end)
		goto other;
	if (udp->dest == bpf_htons(9)) {
		count(CT_DROP);
		return XDP_DROP;
	}
	p = (void *)(udp + 1);
	if ((void *)(p + 2) > end)
		goto other;
	/* RFC 1624 incremental update of the 16-bit word holding the byte. */
	oldw = ((__u16)p[0] << 8) | p[1];
	p[0] = CHAINTEST_MARK;
	neww = ((__u16)p[0] << 8) | p[1];
	if (udp->check) {
		sum = (__u16)~bpf_ntohs(udp->check);
		sum += (__u16)~oldw;
		sum += neww;
		sum = (sum & 0xffff) + (sum >> 16);
		sum = (sum & 0xffff) + (sum >> 16);
		sum = (__u16)~sum;
		udp->check = bpf_htons(sum ? sum : 0xffff);
	}
	count(CT_REWRITE);
	return XDP_PASS;
other:
	count(CT_OTHER);
	return XDP_PASS;
}

/* Stage contract: a prog array named `chain` (replaced by xdpdump's) and
 * rodata `next_slot`. */
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 8);
	__type(key, __u32);
	__type(value, __u32);
} chain SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} stage_seen SEC(".maps");

const volatile __u32 next_slot = 0;

SEC("xdp")
int chaintest_stage(struct xdp_md *ctx)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(&stage_seen, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
	bpf_tail_call(ctx, &chain, next_slot);
	return XDP_PASS;
}

SEC("xdp")
int chaintest_xdp(struct xdp_md *ctx)
{
	return run(ctx);
}

SEC("xdp.frags")
int chaintest_frags(struct xdp_md *ctx)
{
	return run(ctx);
}
