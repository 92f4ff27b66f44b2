//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* Programs that answer at XDP, for the loader matrix: reply_tx turns every
 * IPv4 UDP datagram to port REPLY_PORT into its echo (Ethernet and IP
 * addresses and UDP ports swapped: the checksums stay right) and sends it
 * back with XDP_TX; reply_redir does the same through a devmap
 * (bpf_redirect_map, slot 0 set by the loader to the receiving device).
 * Both count their answers in `replies`. sink counts what arrives and
 * passes it: a veth hands XDP_TX'd and redirected frames only to a peer
 * that runs an XDP program. */
#include "testprog.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define REPLY_PORT 7

TESTPROG_COUNTERS(replies, 1);
TESTPROG_COUNTERS(sunk, 1);

struct {
	__uint(type, BPF_MAP_TYPE_DEVMAP);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} tx_port SEC(".maps");

/* echo swaps the frame into its answer; it returns 0 if it is not one to
 * answer. */
static __always_inline int echo(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	struct udphdr *udp = udp4(data, (void *)(long)ctx->data_end);
	struct ethhdr *eth = data;
	struct iphdr *ip = (void *)(eth + 1);
	unsigned char mac[ETH_ALEN];
	__be32 a;
	__be16 p;

	if (!udp || udp->dest != bpf_htons(REPLY_PORT))
		return 0;
	__builtin_memcpy(mac, eth->h_dest, ETH_ALEN);
	__builtin_memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
	__builtin_memcpy(eth->h_source, mac, ETH_ALEN);
	a = ip->saddr;
	ip->saddr = ip->daddr;
	ip->daddr = a;
	p = udp->source;
	udp->source = udp->dest;
	udp->dest = p;
	bump(&replies);
	return 1;
}

SEC("xdp")
int reply_tx(struct xdp_md *ctx)
{
	return echo(ctx) ? XDP_TX : XDP_PASS;
}

SEC("xdp")
int reply_redir(struct xdp_md *ctx)
{
	if (!echo(ctx))
		return XDP_PASS;
	return bpf_redirect_map(&tx_port, 0, XDP_PASS);
}

SEC("xdp")
int sink(struct xdp_md *ctx)
{
	bump(&sunk);
	return XDP_PASS;
}
