/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The one link-layer parser of the stages that look into packets (bounce,
 * flows): Ethernet, then up to two VLAN tags (802.1Q, 802.1ad), then the
 * network header. */
#ifndef XDPDUMP_PARSE_H
#define XDPDUMP_PARSE_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <bpf/bpf_endian.h>

/* The most bytes of link-layer header parse_eth accepts. */
#define XDPDUMP_L2_MAX (ETH_HLEN + 2 * 4)

struct xdpdump_vlan_hdr {
	__be16 tci;
	__be16 proto;
};

/* Walks the Ethernet header and up to two VLAN tags of the frame in
 * [data, end). Returns the offset of the network header and sets *proto
 * to its EtherType (network order), or returns -1 when the headers run
 * past end. */
static __always_inline int xdpdump_parse_eth(void *data, void *end, __be16 *proto)
{
	struct ethhdr *eth = data;
	__u32 off = ETH_HLEN;

	if ((void *)(eth + 1) > end)
		return -1;
	*proto = eth->h_proto;
#pragma unroll
	for (int i = 0; i < 2; i++) {
		struct xdpdump_vlan_hdr *vh = data + off;

		if (*proto != bpf_htons(ETH_P_8021Q) && *proto != bpf_htons(ETH_P_8021AD))
			break;
		if ((void *)(vh + 1) > end)
			return -1;
		*proto = vh->proto;
		off += sizeof(*vh);
	}
	return off;
}

#endif
