//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* Data an XDP program leaves for the stack, for the loader matrix:
 * meta_xdp takes frames of EtherType META_OUTER (an outer Ethernet header
 * in front of an ordinary frame), strips the outer header with
 * bpf_xdp_adjust_head, puts META_MAGIC in front of the data with
 * bpf_xdp_adjust_meta and counts them in `decap`. meta_tc, a TC ingress
 * program, counts in `seen` the IPv4 UDP datagrams to META_PORT that reach
 * it carrying that metadata: only a program in front that kept the XDP
 * buffer as meta_xdp left it lets them through. */
#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define META_OUTER 0x88B5
#define META_MAGIC 0x58445044
#define META_PORT 7777

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} decap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} seen SEC(".maps");

static __always_inline void bump(void *m)
{
	__u32 k = 0;
	__u64 *v = bpf_map_lookup_elem(m, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
}

SEC("xdp")
int meta_xdp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	void *meta;

	if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(META_OUTER))
		return XDP_PASS;
	if (bpf_xdp_adjust_head(ctx, sizeof(struct ethhdr)))
		return XDP_ABORTED;
	if (bpf_xdp_adjust_meta(ctx, -4))
		return XDP_ABORTED;
	meta = (void *)(long)ctx->data_meta;
	data = (void *)(long)ctx->data;
	if (meta + 4 > data)
		return XDP_ABORTED;
	*(__u32 *)meta = META_MAGIC;
	bump(&decap);
	return XDP_PASS;
}

SEC("tc")
int meta_tc(struct __sk_buff *skb)
{
	void *meta = (void *)(long)skb->data_meta;
	void *data = (void *)(long)skb->data;
	void *end = (void *)(long)skb->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct udphdr *udp;

	if (meta + 4 > data || *(__u32 *)meta != META_MAGIC)
		return -1; /* TCX_NEXT */
	if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		return -1;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end || ip->protocol != IPPROTO_UDP || ip->ihl != 5)
		return -1;
	udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > end || udp->dest != bpf_htons(META_PORT))
		return -1;
	bump(&seen);
	return -1;
}
