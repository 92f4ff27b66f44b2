/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The flow view: per-flow counters kept in the kernel, shared by the XDP
 * ingress stage (flows.c) and the TC egress program (egress.c). */
#ifndef XDPDUMP_FLOWS_H
#define XDPDUMP_FLOWS_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

#include "xdpdump.h"
#include "parse.h"

#define XDPDUMP_MAX_FLOWS 65536

enum xdpdump_flow_dir {
	XDPDUMP_DIR_INGRESS = 0,
	XDPDUMP_DIR_EGRESS = 1,
};

/* A flow: 44 bytes, no padding (the whole key is hashed).
 * IPv4 addresses sit in the first 4 bytes of src/dst, the rest is zero.
 * Ports are in host byte order; for ICMP and ICMPv6 sport holds the type
 * and dport the code; for protocols without ports both are zero, and so
 * are they for non-first IP fragments. Frames that are neither IPv4 nor
 * IPv6 are counted by EtherType alone (addresses, proto, ports zero). */
struct xdpdump_flow_key {
	__u8 src[16];
	__u8 dst[16];
	__u32 ifindex;
	__u16 sport;
	__u16 dport;
	__u16 ethertype; /* after up to two VLAN tags, host byte order */
	__u8 proto;      /* IP protocol (IPv6: after extension headers) */
	__u8 dir;        /* enum xdpdump_flow_dir */
};

/* Per-CPU counters of a flow; user space sums packets and bytes and takes
 * the smallest first_ns and the largest last_ns. Times are
 * bpf_ktime_get_coarse_ns (CLOCK_MONOTONIC_COARSE, a tick's resolution):
 * the fine clock cost a fifth of the stage's time per packet, and rates
 * come from user space's snapshots anyway. */
struct xdpdump_flow_val {
	__u64 packets;
	__u64 bytes; /* whole frames from the Ethernet header on */
	__u64 first_ns;
	__u64 last_ns;
};

#define FLOWS_MAP(name)                                          \
	struct {                                                 \
		__uint(type, BPF_MAP_TYPE_LRU_PERCPU_HASH);      \
		__uint(max_entries, XDPDUMP_MAX_FLOWS);          \
		__type(key, struct xdpdump_flow_key);            \
		__type(value, struct xdpdump_flow_val);          \
	} name SEC(".maps")

struct flow_opt_hdr {
	__u8 nexthdr;
	__u8 hdrlen;
};

struct flow_frag_hdr {
	__u8 nexthdr;
	__u8 reserved;
	__be16 frag_off;
	__be32 id;
};

/* Fills k from the headers in [data, data_end). Returns 1 when the
 * headers ran past data_end before the key was complete, else 0. */
static __always_inline int flow_parse(void *data, void *data_end, struct xdpdump_flow_key *k)
{
	__be16 proto;
	int l3 = xdpdump_parse_eth(data, data_end, &proto);
	void *l4;
	__u8 nh;

	if (l3 < 0)
		return 1;
	l4 = data + l3;
	k->ethertype = bpf_ntohs(proto);

	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = l4;
		__u32 ihl;

		if ((void *)(ip + 1) > data_end)
			return 1;
		__builtin_memcpy(k->src, &ip->saddr, 4);
		__builtin_memcpy(k->dst, &ip->daddr, 4);
		k->proto = ip->protocol;
		if (ip->frag_off & bpf_htons(0x1fff))
			return 0; /* not the first fragment: no L4 header */
		ihl = ip->ihl * 4;
		if (ihl < sizeof(*ip))
			return 0;
		l4 = (void *)ip + ihl;
		nh = ip->protocol;
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = l4;

		if ((void *)(ip6 + 1) > data_end)
			return 1;
		__builtin_memcpy(k->src, &ip6->saddr, 16);
		__builtin_memcpy(k->dst, &ip6->daddr, 16);
		nh = ip6->nexthdr;
		l4 = ip6 + 1;
#pragma unroll
		for (int i = 0; i < 4; i++) {
			struct flow_opt_hdr *oh = l4;

			if (nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING || nh == IPPROTO_DSTOPTS) {
				if ((void *)(oh + 1) > data_end)
					return 1;
				nh = oh->nexthdr;
				l4 += (oh->hdrlen + 1) * 8;
			} else if (nh == IPPROTO_AH) {
				if ((void *)(oh + 1) > data_end)
					return 1;
				nh = oh->nexthdr;
				l4 += (oh->hdrlen + 2) * 4;
			} else if (nh == IPPROTO_FRAGMENT) {
				struct flow_frag_hdr *fh = l4;

				if ((void *)(fh + 1) > data_end)
					return 1;
				nh = fh->nexthdr;
				l4 = fh + 1;
				if (fh->frag_off & bpf_htons(0xfff8)) {
					k->proto = nh;
					return 0;
				}
			} else {
				break;
			}
		}
		k->proto = nh;
	} else {
		return 0;
	}

	switch (nh) {
	case IPPROTO_TCP:
	case IPPROTO_UDP:
	case IPPROTO_SCTP:
	case IPPROTO_UDPLITE: {
		__be16 *ports = l4;

		if ((void *)(ports + 2) > data_end)
			return 1;
		k->sport = bpf_ntohs(ports[0]);
		k->dport = bpf_ntohs(ports[1]);
		break;
	}
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6: {
		__u8 *tc = l4;

		if ((void *)(tc + 2) > data_end)
			return 1;
		k->sport = tc[0];
		k->dport = tc[1];
		break;
	}
	}
	return 0;
}

/* Adds one packet of len bytes to the flow k. */
static __always_inline void flow_count(void *map, struct xdpdump_flow_key *k, __u64 len,
				       struct xdpdump_stats *st)
{
	__u64 now = bpf_ktime_get_coarse_ns();
	struct xdpdump_flow_val *v = bpf_map_lookup_elem(map, k);

	if (!v) {
		struct xdpdump_flow_val nv = {
			.packets = 1,
			.bytes = len,
			.first_ns = now,
			.last_ns = now,
		};

		if (!bpf_map_update_elem(map, k, &nv, BPF_NOEXIST)) {
			st->captured++;
			return;
		}
		/* Another CPU made it meanwhile: add to our slot of it. */
		v = bpf_map_lookup_elem(map, k);
		if (!v) {
			st->lost++;
			return;
		}
	}
	v->packets++;
	v->bytes += len;
	if (!v->first_ns)
		v->first_ns = now;
	v->last_ns = now;
	st->captured++;
}

#endif
