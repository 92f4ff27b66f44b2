/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The body of the "firewall" stand-ins of the loader matrix (fw*.c,
 * tailcall.c, subprog.c): an XDP program as users run them, which knows
 * nothing about xdpdump. It drops IPv4 UDP to port FW_DROP_PORT, rewrites
 * the first payload byte of every other IPv4 UDP datagram to FW_MARK
 * (fixing the UDP checksum) and counts its verdicts in `verdicts`. */
#ifndef FW_H
#define FW_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#define FW_DROP_PORT 9
#define FW_MARK 'R'

enum {
	FW_OTHER = 0,   /* not IPv4 UDP: passed untouched */
	FW_DROP = 1,    /* UDP to FW_DROP_PORT: dropped */
	FW_REWRITE = 2, /* other UDP: first payload byte rewritten, passed */
	FW_MAX,
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, FW_MAX);
	__type(key, __u32);
	__type(value, __u64);
} verdicts SEC(".maps");

static __always_inline void fw_count(__u32 k)
{
	__u64 *v = bpf_map_lookup_elem(&verdicts, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
}

/* fw_udp returns the UDP header of an IPv4 UDP frame, or NULL. */
static __always_inline struct udphdr *fw_udp(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct ethhdr *eth = data;
	struct iphdr *ip;
	struct udphdr *udp;

	if ((void *)(eth + 1) > end || eth->h_proto != bpf_htons(ETH_P_IP))
		return NULL;
	ip = (void *)(eth + 1);
	if ((void *)(ip + 1) > end || ip->protocol != IPPROTO_UDP || ip->ihl != 5)
		return NULL;
	udp = (void *)(ip + 1);
	if ((void *)(udp + 1) > end)
		return NULL;
	return udp;
}

/* fw_rewrite sets the first payload byte to FW_MARK (RFC 1624 update of
 * the checksum); it returns XDP_PASS. */
static __always_inline int fw_rewrite(struct xdp_md *ctx, struct udphdr *udp)
{
	void *end = (void *)(long)ctx->data_end;
	__u8 *p = (void *)(udp + 1);
	__u32 sum;
	__u16 oldw, neww;

	if ((void *)(p + 2) > end) {
		fw_count(FW_OTHER);
		return XDP_PASS;
	}
	oldw = ((__u16)p[0] << 8) | p[1];
	p[0] = FW_MARK;
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
	fw_count(FW_REWRITE);
	return XDP_PASS;
}

static __always_inline int fw_run(struct xdp_md *ctx)
{
	struct udphdr *udp = fw_udp(ctx);

	if (!udp) {
		fw_count(FW_OTHER);
		return XDP_PASS;
	}
	if (udp->dest == bpf_htons(FW_DROP_PORT)) {
		fw_count(FW_DROP);
		return XDP_DROP;
	}
	return fw_rewrite(ctx, udp);
}

#endif
