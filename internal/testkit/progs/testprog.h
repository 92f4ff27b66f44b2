/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* What the test programs share (fw.h and the programs of this folder):
 * counter arrays and bumping them, finding the UDP header of an IPv4 UDP
 * frame, and the incremental update of a UDP checksum. Programs that
 * include it stay stand-ins for users' programs: nothing here knows about
 * xdpdump. */
#ifndef TESTPROG_H
#define TESTPROG_H

#include <linux/bpf.h>
#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/udp.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

/* An array map of n __u64 counters named name. */
#define TESTPROG_COUNTERS(name, n)                       \
	struct {                                         \
		__uint(type, BPF_MAP_TYPE_ARRAY);        \
		__uint(max_entries, n);                  \
		__type(key, __u32);                      \
		__type(value, __u64);                    \
	} name SEC(".maps")

/* Adds one to counter k of the counter array m. */
static __always_inline void count_at(void *m, __u32 k)
{
	__u64 *v = bpf_map_lookup_elem(m, &k);

	if (v)
		__sync_fetch_and_add(v, 1);
}

/* Adds one to the single counter of m. */
static __always_inline void bump(void *m)
{
	count_at(m, 0);
}

/* udp4 returns the UDP header of the Ethernet frame between data and end
 * if it is IPv4 UDP without IP options, whole in the buffer; else NULL. */
static __always_inline struct udphdr *udp4(void *data, void *end)
{
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

/* udp_csum_replace updates the checksum of udp (none, 0, stays none) for
 * a 16-bit word of the datagram that changed from old to new (host
 * order): RFC 1624, HC' = ~(~HC + ~m + m'). */
static __always_inline void udp_csum_replace(struct udphdr *udp, __u16 old, __u16 new)
{
	__u32 sum;

	if (!udp->check)
		return;
	sum = (__u16)~bpf_ntohs(udp->check);
	sum += (__u16)~old;
	sum += new;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (__u16)~sum;
	udp->check = bpf_htons(sum ? sum : 0xffff);
}

#endif
