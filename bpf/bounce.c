//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's bounce stage (--bounce): every TCP port accepts connections.
 *
 * A SYN (SYN set; ACK, RST, FIN clear; no payload) on IPv4 or IPv6, behind
 * at most two VLAN tags, is rewritten in place into its SYN-ACK and sent
 * back out with XDP_TX. Our sequence number is a keyed SipHash-2-4 of the
 * 4-tuple, so the later segments of a bounced connection are recognised
 * without any state: the client's final ACK, its RSTs and its FINs or data
 * (all carrying ack == our sequence + 1) are dropped, so the kernel never
 * sees a connection it knows nothing about and never answers with a RST.
 * Everything else goes on down the chain untouched, and so does every SYN
 * a host's own TCP would not answer (refuse()): a bad IPv4 header or TCP
 * checksum, martian or broadcast addresses, port 0.
 *
 * The SYN-ACK always has the same TCP header: 20 bytes plus 20 bytes of
 * options in a fixed layout (MSS, SACK-permitted, timestamps, window
 * scale; the ones the client did not offer are NOPs), which makes its
 * checksum a straight-line sum over a constant length. The checksum is
 * computed in full: a SYN from a veth often carries only a partial
 * checksum (offloaded), so an incremental update would be wrong. */
/* xdpdump_unstage inline (include/stage.h). */
#define XDPDUMP_INLINE_UNSTAGE
#include "include/xdp_stage.h"
#include "include/exit.h"
#include "include/parse.h"

#include <linux/if_ether.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/tcp.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Filled in by the loader before load (rodata), like the rate, the key
 * and partial_csum, each declared beside the code that reads it;
 * include/stage.h has the rest (filter_enabled, next_slot, deadman_ns,
 * ...). 1: answers are recorded into the ring. */
const volatile __u8 record_tx = 0;

/* The interface's IPv4 prefixes, filled in by the loader: SYNs to or from
 * their broadcast addresses, and SYNs from the interface's own addresses,
 * are not answered (the kernel drops them as martians or non-unicast). */
#define MAX_NETS 16
struct ipv4_net {
	__be32 addr;
	__be32 mask;
};
const volatile struct ipv4_net nets[MAX_NETS] = {};
const volatile __u32 nr_nets = 0;

#define TCP_FL_FIN 0x01
#define TCP_FL_SYN 0x02
#define TCP_FL_RST 0x04
#define TCP_FL_ACK 0x10

/* TCP option kinds and lengths (the UAPI headers do not have them). */
#define TCPOPT_EOL 0
#define TCPOPT_NOP 1
#define TCPOPT_MSS 2
#define TCPOPT_WINDOW 3
#define TCPOPT_SACK_PERM 4
#define TCPOPT_TIMESTAMP 8
#define TCPOLEN_MSS 4
#define TCPOLEN_WINDOW 3
#define TCPOLEN_SACK_PERM 2
#define TCPOLEN_TIMESTAMP 10

/* Fixed TCP header of our answers: 20 bytes + 20 bytes of options. */
#define ANSWER_TCP_LEN 40
#define ANSWER_OPT_LEN 20
/* The longest answer: Ethernet, two VLAN tags, IPv6, TCP. */
#define ANSWER_MAX 128
#define L2_MAX XDPDUMP_L2_MAX
#define NSEC 1000000000ULL

/* What the stage did, per CPU. The answers it records into the ring are
 * counted in stats (include/stage.h): captured = recorded, lost = not. */
struct bounce_stats {
	__u64 answered;       /* SYN-ACKs sent with XDP_TX */
	__u64 acks_dropped;   /* final ACKs of bounced handshakes */
	__u64 rsts_dropped;   /* RSTs of bounced connections */
	__u64 others_dropped; /* FINs and data of bounced connections */
	__u64 passed;         /* packets handed on down the chain */
	__u64 rate_limited;   /* SYNs not answered: over --bounce-rate */
	__u64 dead;           /* packets passed on untouched: the owner is gone */
	__u64 refused;        /* SYNs passed on: a host would not answer them */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct bounce_stats);
} bstats SEC(".maps");

/* SYN-ACKs per second, 0 = unlimited; burst = bucket depth in answers
 * (rodata). */
const volatile __u64 rate = 0;
const volatile __u64 burst = 1;

/* The token bucket of --bounce-rate, shared by all CPUs. tokens is in
 * units of 1/NSEC answers so that refilling needs no division. */
struct bucket {
	struct bpf_spin_lock lock;
	__u64 tokens;
	__u64 last_ns;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct bucket);
} bucket SEC(".maps");

/* What parse() learnt about a TCP segment. */
struct seg {
	__u32 l3;      /* offset of the IP header */
	__u32 l4;      /* offset of the TCP header */
	__u32 v6;
	__u32 tcplen;  /* TCP header + payload, from the IP header */
	__u32 hdrlen;  /* TCP header, from the data offset */
	__u32 src[4];  /* addresses as on the wire (IPv4: [0]) */
	__u32 dst[4];
	__be16 sport, dport;
	__u32 seq, ack; /* host order */
	__u8 flags;
	__u8 group;    /* multicast or broadcast: never answered */
	__u8 bad_csum; /* the IPv4 header checksum does not verify */
};

static __always_inline __u16 fold(__u64 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return ~(__u16)sum;
}

static __always_inline __u64 sum16(const void *p, int words)
{
	const __u16 *w = p;
	__u64 sum = 0;

#pragma unroll
	for (int i = 0; i < words; i++)
		sum += w[i];
	return sum;
}

/* ip_csum_bad says whether the 20-byte IPv4 header's checksum fails
 * (Linux never offloads it: it is always complete). */
static __always_inline __u8 ip_csum_bad(struct iphdr *ip)
{
	return fold(sum16(ip, sizeof(*ip) / 2)) != 0;
}

/* parse fills s for a well-formed, unfragmented TCP segment with no IPv4
 * options and no IPv6 extension headers, held whole in the linear part of
 * the buffer. Anything else returns -1. */
static __always_inline int parse(void *data, void *end, struct seg *s)
{
	struct ethhdr *eth = data;
	struct tcphdr *th;
	__be16 proto;
	int l3 = xdpdump_parse_eth(data, end, &proto);
	__u32 off;

	if (l3 < 0 || l3 > L2_MAX)
		return -1;
	off = l3;
	s->group = eth->h_dest[0] & 1;
	s->l3 = off;

	if (proto == bpf_htons(ETH_P_IP)) {
		struct iphdr *ip = data + off;
		__u32 tot;

		if ((void *)(ip + 1) > end)
			return -1;
		if (ip->version != 4 || ip->ihl != 5 || ip->protocol != IPPROTO_TCP)
			return -1;
		if (ip->frag_off & bpf_htons(0x3fff)) /* MF or an offset */
			return -1;
		s->bad_csum = ip_csum_bad(ip);
		tot = bpf_ntohs(ip->tot_len);
		if (tot < sizeof(*ip) + sizeof(*th) || data + off + tot > end)
			return -1;
		s->v6 = 0;
		s->tcplen = tot - sizeof(*ip);
		s->src[0] = ip->saddr;
		s->dst[0] = ip->daddr;
		s->src[1] = s->src[2] = s->src[3] = 0;
		s->dst[1] = s->dst[2] = s->dst[3] = 0;
		off += sizeof(*ip);
	} else if (proto == bpf_htons(ETH_P_IPV6)) {
		struct ipv6hdr *ip6 = data + off;
		__u32 plen;

		if ((void *)(ip6 + 1) > end)
			return -1;
		if (ip6->version != 6 || ip6->nexthdr != IPPROTO_TCP)
			return -1;
		plen = bpf_ntohs(ip6->payload_len);
		if (plen < sizeof(*th) || data + off + sizeof(*ip6) + plen > end)
			return -1;
		s->v6 = 1;
		s->tcplen = plen;
		__builtin_memcpy(s->src, &ip6->saddr, 16);
		__builtin_memcpy(s->dst, &ip6->daddr, 16);
		s->bad_csum = 0;
		off += sizeof(*ip6);
	} else {
		return -1;
	}

	th = data + off;
	if ((void *)(th + 1) > end)
		return -1;
	s->l4 = off;
	s->hdrlen = th->doff * 4;
	if (s->hdrlen < sizeof(*th) || s->hdrlen > s->tcplen)
		return -1;
	s->sport = th->source;
	s->dport = th->dest;
	s->seq = bpf_ntohl(th->seq);
	s->ack = bpf_ntohl(th->ack_seq);
	s->flags = ((__u8 *)th)[13];
	return 0;
}

#define ROTL(x, b) (((x) << (b)) | ((x) >> (64 - (b))))
#define SIPROUND                                                            \
	do {                                                                \
		v0 += v1; v1 = ROTL(v1, 13); v1 ^= v0; v0 = ROTL(v0, 32);   \
		v2 += v3; v3 = ROTL(v3, 16); v3 ^= v2;                      \
		v0 += v3; v3 = ROTL(v3, 21); v3 ^= v0;                      \
		v2 += v1; v1 = ROTL(v1, 17); v1 ^= v2; v2 = ROTL(v2, 32);   \
	} while (0)
#define SIPBLOCK(m)                                                         \
	do {                                                                \
		__u64 _m = (m);                                             \
		v3 ^= _m; SIPROUND; SIPROUND; v0 ^= _m;                     \
	} while (0)

/* SipHash key of the sequence numbers, random per run (rodata). */
const volatile __u64 key0 = 0;
const volatile __u64 key1 = 0;

/* cookie is our initial sequence number for the connection the client
 * (src, sport) opens to (dst, dport): SipHash-2-4 over 40 bytes of 4-tuple
 * under the run's key. */
static __always_inline __u32 cookie(const struct seg *s)
{
	__u64 v0 = 0x736f6d6570736575ULL ^ key0;
	__u64 v1 = 0x646f72616e646f6dULL ^ key1;
	__u64 v2 = 0x6c7967656e657261ULL ^ key0;
	__u64 v3 = 0x7465646279746573ULL ^ key1;

	SIPBLOCK((__u64)s->src[0] | (__u64)s->src[1] << 32);
	SIPBLOCK((__u64)s->src[2] | (__u64)s->src[3] << 32);
	SIPBLOCK((__u64)s->dst[0] | (__u64)s->dst[1] << 32);
	SIPBLOCK((__u64)s->dst[2] | (__u64)s->dst[3] << 32);
	SIPBLOCK((__u64)s->sport | (__u64)s->dport << 16 | (__u64)s->v6 << 32);
	SIPBLOCK(40ULL << 56);
	v2 ^= 0xff;
	SIPROUND; SIPROUND; SIPROUND; SIPROUND;
	return (__u32)(v0 ^ v1 ^ v2 ^ v3);
}

/* The options of the client's SYN that the answer echoes. */
struct synopts {
	__u16 mss;
	__u8 has_ws;
	__u8 sack;
	__u8 has_ts;
	__u32 tsval; /* wire order */
};

struct optwalk {
	__u8 buf[64];
	__u32 i;
	__u32 optlen;
	struct synopts o;
};

/* One option per call of bpf_loop: the verifier checks the step once
 * instead of every path through up to 40 options. */
static long opt_step(__u64 index, void *arg)
{
	struct optwalk *w = arg;
	__u32 i = w->i, kind, len;

	if (i >= w->optlen || i >= 40)
		return 1;
	kind = w->buf[i & 63];
	if (kind == TCPOPT_EOL)
		return 1;
	if (kind == TCPOPT_NOP) {
		w->i = i + 1;
		return 0;
	}
	if (i + 1 >= w->optlen)
		return 1;
	len = w->buf[(i + 1) & 63];
	if (len < 2 || i + len > w->optlen)
		return 1;
	if (kind == TCPOPT_MSS && len == TCPOLEN_MSS) {
		w->o.mss = (__u16)w->buf[(i + 2) & 63] << 8 | w->buf[(i + 3) & 63];
	} else if (kind == TCPOPT_WINDOW && len == TCPOLEN_WINDOW) {
		w->o.has_ws = 1;
	} else if (kind == TCPOPT_SACK_PERM && len == TCPOLEN_SACK_PERM) {
		w->o.sack = 1;
	} else if (kind == TCPOPT_TIMESTAMP && len == TCPOLEN_TIMESTAMP) {
		w->o.has_ts = 1;
		w->o.tsval = (__u32)w->buf[(i + 2) & 63] | (__u32)w->buf[(i + 3) & 63] << 8 |
			     (__u32)w->buf[(i + 4) & 63] << 16 | (__u32)w->buf[(i + 5) & 63] << 24;
	}
	w->i = i + len;
	return 0;
}

static __always_inline void parse_opts(struct xdp_md *ctx, const struct seg *s, struct synopts *o)
{
	struct optwalk w = {};
	__u32 optlen = s->hdrlen - sizeof(struct tcphdr);

	/* mss 0: none offered, we advertise our default. */
	if (optlen > 0 && optlen <= 40 &&
	    bpf_xdp_load_bytes(ctx, s->l4 + sizeof(struct tcphdr), w.buf, optlen) == 0) {
		w.optlen = optlen;
		bpf_loop(40, opt_step, &w, 0);
	}
	*o = w.o;
}

/* The TCP header of an answer, built on the stack. */
struct answer {
	struct tcphdr th;
	__u8 opt[ANSWER_OPT_LEN];
};

/* take_token says whether --bounce-rate allows one more answer now. */
static __always_inline int take_token(void)
{
	__u32 key = 0;
	struct bucket *b;
	__u64 now, el;
	int ok = 0;

	if (!rate)
		return 1;
	b = bpf_map_lookup_elem(&bucket, &key);
	if (!b)
		return 0;
	now = bpf_ktime_get_ns();
	bpf_spin_lock(&b->lock);
	el = now > b->last_ns ? now - b->last_ns : 0;
	if (el > NSEC) /* the bucket is full after a second at most */
		el = NSEC;
	b->tokens += el * rate;
	if (b->tokens > burst * NSEC)
		b->tokens = burst * NSEC;
	if (now > b->last_ns)
		b->last_ns = now;
	if (b->tokens >= NSEC) {
		b->tokens -= NSEC;
		ok = 1;
	}
	bpf_spin_unlock(&b->lock);
	return ok;
}

/* answer turns the SYN described by s into its SYN-ACK in place. It
 * returns XDP_TX, or XDP_PASS when the buffer cannot be reshaped. */
static __noinline int answer(struct xdp_md *ctx, struct seg *s, struct bounce_stats *st)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct synopts o;
	struct answer a = {};
	__u32 l3len = s->v6 ? sizeof(struct ipv6hdr) : sizeof(struct iphdr);
	__u32 l3 = s->l3, newlen, curlen;
	__u16 mss_max = s->v6 ? 1440 : 1460;
	__u8 mac[ETH_ALEN];
	__u64 sum;
	int delta;

	/* The whole frame must be in the linear part (no fragments). */
	curlen = end - data;
	if (bpf_xdp_get_buff_len(ctx) != curlen)
		return XDP_PASS;
	if (l3 > L2_MAX)
		return XDP_PASS;
	parse_opts(ctx, s, &o);

	/* The TCP header, options in a fixed layout. */
	a.th.source = s->dport;
	a.th.dest = s->sport;
	a.th.seq = bpf_htonl(cookie(s));
	a.th.ack_seq = bpf_htonl(s->seq + 1);
	a.th.doff = ANSWER_TCP_LEN / 4;
	a.th.syn = 1;
	a.th.ack = 1;
	a.th.window = bpf_htons(65535);
	__builtin_memset(a.opt, TCPOPT_NOP, sizeof(a.opt));
	a.opt[0] = TCPOPT_MSS;
	a.opt[1] = TCPOLEN_MSS;
	if (o.mss > mss_max || o.mss == 0)
		o.mss = mss_max;
	a.opt[2] = o.mss >> 8;
	a.opt[3] = o.mss & 0xff;
	if (o.sack) {
		a.opt[4] = TCPOPT_SACK_PERM;
		a.opt[5] = TCPOLEN_SACK_PERM;
	}
	if (o.has_ts) {
		__u32 tsval = bpf_htonl((__u32)(bpf_ktime_get_ns() >> 20));

		a.opt[6] = TCPOPT_TIMESTAMP;
		a.opt[7] = TCPOLEN_TIMESTAMP;
		__builtin_memcpy(&a.opt[8], &tsval, 4);
		__builtin_memcpy(&a.opt[12], &o.tsval, 4);
	}
	if (o.has_ws) {
		a.opt[17] = TCPOPT_WINDOW;
		a.opt[18] = TCPOLEN_WINDOW;
		a.opt[19] = 7;
	}
	/* Pseudo-header (addresses swapped: same sum), length and protocol. */
	sum = sum16(s->src, 8) + sum16(s->dst, 8);
	sum += bpf_htons(IPPROTO_TCP) + bpf_htons(ANSWER_TCP_LEN);
	sum += sum16(&a, ANSWER_TCP_LEN / 2);
	a.th.check = fold(sum);

	/* Trim or grow the frame to the answer's length. */
	newlen = l3 + l3len + ANSWER_TCP_LEN;
	delta = (int)newlen - (int)curlen;
	if (delta && bpf_xdp_adjust_tail(ctx, delta))
		return XDP_PASS;
	data = (void *)(long)ctx->data;
	end = (void *)(long)ctx->data_end;
	if (data + newlen > end || l3 > L2_MAX)
		return XDP_PASS;

	{
		struct ethhdr *eth = data;

		if ((void *)(eth + 1) > end)
			return XDP_PASS;
		__builtin_memcpy(mac, eth->h_dest, ETH_ALEN);
		__builtin_memcpy(eth->h_dest, eth->h_source, ETH_ALEN);
		__builtin_memcpy(eth->h_source, mac, ETH_ALEN);
	}

	if (s->v6) {
		struct ipv6hdr *ip6 = data + l3;
		struct answer *t = data + l3 + sizeof(*ip6);

		if ((void *)(t + 1) > end)
			return XDP_PASS;
		*(__be32 *)ip6 = bpf_htonl(0x60000000);
		ip6->payload_len = bpf_htons(ANSWER_TCP_LEN);
		ip6->nexthdr = IPPROTO_TCP;
		ip6->hop_limit = 64;
		__builtin_memcpy(&ip6->saddr, s->dst, 16);
		__builtin_memcpy(&ip6->daddr, s->src, 16);
		__builtin_memcpy(t, &a, sizeof(a));
	} else {
		struct iphdr *ip = data + l3;
		struct answer *t = data + l3 + sizeof(*ip);

		struct iphdr h = {};

		if ((void *)(t + 1) > end)
			return XDP_PASS;
		/* Built and summed on the stack, then copied: the sum never
		 * reads the packet through a pointer the verifier lost. */
		h.version = 4;
		h.ihl = 5;
		h.tot_len = bpf_htons(sizeof(h) + ANSWER_TCP_LEN);
		h.frag_off = bpf_htons(0x4000); /* DF */
		h.ttl = 64;
		h.protocol = IPPROTO_TCP;
		h.saddr = s->dst[0];
		h.daddr = s->src[0];
		h.check = fold(sum16(&h, sizeof(h) / 2));
		__builtin_memcpy(ip, &h, sizeof(h));
		__builtin_memcpy(t, &a, sizeof(a));
	}

	st->answered++;
	/* --capture-at exit|both: the answer is the SYN's exit copy. */
	if (record_tx && exit_point)
		return xdpdump_exit_ours(ctx, XDP_TX, newlen);
	if (record_tx) {
		struct xdpdump_stats *rst = xdpdump_stats();

		if (rst)
			xdpdump_record_xdp(ctx, rst, newlen, XDPDUMP_HOOK_XDP_TX, XDP_TX);
	}
	return XDP_TX;
}

/* martian4 says whether a SYN between these IPv4 addresses is one Linux
 * drops or never answers: from or to 0/8, 127/8, multicast 224/4 or
 * 240/4 (255.255.255.255 included), from itself (source == destination,
 * or one of the interface's addresses), or from or to the broadcast
 * address of one of the interface's prefixes. */
static __always_inline int martian4(__be32 src, __be32 dst)
{
	__u32 sh = bpf_ntohl(src) >> 24, dh = bpf_ntohl(dst) >> 24;

	if (sh == 0 || sh == 127 || sh >= 224 || dh == 0 || dh == 127 || dh >= 224)
		return 1;
	if (src == dst)
		return 1;
#pragma unroll
	for (int i = 0; i < MAX_NETS; i++) {
		__be32 bcast;

		if (i >= nr_nets)
			break;
		if (src == nets[i].addr)
			return 1;
		/* /31 and /32 have no broadcast address (RFC 3021). */
		if (nets[i].mask == 0xffffffff || nets[i].mask == bpf_htonl(0xfffffffe))
			continue;
		bcast = nets[i].addr | ~nets[i].mask;
		if (src == bcast || dst == bcast)
			return 1;
	}
	return 0;
}

/* bad6 says whether an IPv6 address (wire order) may be neither source
 * nor destination of a SYN Linux answers: unspecified (::), loopback
 * (::1), multicast (ff00::/8) or IPv4-mapped (::ffff:0:0/96). */
static __always_inline int bad6(const __u32 *a)
{
	if (((const __u8 *)a)[0] == 0xff)
		return 1;
	if (a[0] == 0 && a[1] == 0) {
		if (a[2] == bpf_htonl(0xffff))
			return 1;
		if (a[2] == 0 && (a[3] == 0 || a[3] == bpf_htonl(1)))
			return 1;
	}
	return 0;
}

static __always_inline int martian6(const struct seg *s)
{
	if (bad6(s->src) || bad6(s->dst))
		return 1;
	return s->src[0] == s->dst[0] && s->src[1] == s->dst[1] &&
	       s->src[2] == s->dst[2] && s->src[3] == s->dst[3];
}

/* 1: the device hands XDP frames whose TCP checksum is still partial
 * (veth: the sender's checksum offload left the pseudo-header sum in the
 * field, CHECKSUM_PARTIAL, which XDP cannot see). Such a field is taken
 * for a good checksum; every other one must verify (rodata). */
const volatile __u8 partial_csum = 0;

/* tcp_csum_ok says whether the SYN's TCP checksum is good: it verifies
 * over the pseudo-header, the header and its options (a SYN we answer has
 * no payload); or, on a device that hands over partial checksums, the
 * field holds exactly the pseudo-header sum. The header is summed where
 * it lies (parse() found it whole in the linear part), a word at a time:
 * no room on the stack, which the filter's subprogram needs. */
static __always_inline int tcp_csum_ok(struct xdp_md *ctx, const struct seg *s)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u32 len = s->hdrlen, l4 = s->l4;
	__u64 pseudo, sum = 0;
	struct tcphdr *th;
	__u16 field;

	if (l4 > L2_MAX + sizeof(struct ipv6hdr) || len < 20 || len > 60)
		return 0;
	th = data + l4;
	if ((void *)(th + 1) > end)
		return 0;
	field = th->check;
#pragma unroll
	for (int i = 0; i < 30; i++) {
		__u16 *w = (void *)th + 2 * i;

		if (2 * i >= len)
			break;
		if ((void *)(w + 1) > end)
			return 0;
		sum += *w;
	}
	pseudo = sum16(s->src, 8) + sum16(s->dst, 8);
	pseudo += bpf_htons(IPPROTO_TCP) + bpf_htons((__u16)s->tcplen);
	if (fold(pseudo + sum) == 0)
		return 1;
	return partial_csum && field == (__u16)~fold(pseudo);
}

/* refuse says whether a well-formed SYN is one a host's TCP would not
 * answer; it goes on down the chain, as the kernel's answer would be its
 * own (none). */
static __always_inline int refuse(struct xdp_md *ctx, const struct seg *s)
{
	if (s->bad_csum || !s->sport || !s->dport)
		return 1;
	if (s->v6 ? martian6(s) : martian4(s->src[0], s->dst[0]))
		return 1;
	return !tcp_csum_ok(ctx, s);
}

static __always_inline int decide(struct xdp_md *ctx, struct bounce_stats *st)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct seg s;
	__u32 payload;
	__u8 fl;

	if (parse(data, end, &s))
		return XDP_PASS;
	fl = s.flags & (TCP_FL_SYN | TCP_FL_ACK | TCP_FL_RST | TCP_FL_FIN);
	payload = s.tcplen - s.hdrlen;

	if (fl == TCP_FL_SYN) {
		if (payload || s.group)
			return XDP_PASS;
		if (refuse(ctx, &s)) {
			st->refused++;
			return XDP_PASS;
		}
		if (filter_enabled && !xdpdump_filter(ctx))
			return XDP_PASS;
		if (!take_token()) {
			st->rate_limited++;
			return XDP_PASS;
		}
		return answer(ctx, &s, st);
	}

	/* A later segment of a connection we bounced acknowledges our SYN
	 * and nothing more: ack == cookie + 1. */
	if (!(fl & TCP_FL_ACK) || (fl & TCP_FL_SYN))
		return XDP_PASS;
	if (s.ack != cookie(&s) + 1)
		return XDP_PASS;
	if (fl & TCP_FL_RST) {
		st->rsts_dropped++;
	} else if ((fl & TCP_FL_FIN) || payload) {
		st->others_dropped++;
	} else {
		st->acks_dropped++;
	}
	return XDP_DROP;
}

static __always_inline int run(struct xdp_md *ctx)
{
	__u32 key = 0;
	struct bounce_stats *st = bpf_map_lookup_elem(&bstats, &key);
	int act;

	if (!st)
		return xdpdump_next(ctx);
	/* The dead-man switch: once the owner is gone (its heartbeat stopped),
	 * nothing is answered any more, without anyone cleaning up. */
	if (!xdpdump_alive(xdpdump_ctl())) {
		st->dead++;
		return xdpdump_next(ctx);
	}
	act = decide(ctx, st);
	if (act == XDP_DROP)
		return xdpdump_exit_ours(ctx, XDP_DROP, 0);
	if (act != XDP_PASS)
		return act;
	st->passed++;
	xdpdump_next(ctx);
	/* Nothing stands behind us: the chain passes the packet. */
	return xdpdump_exit_ours(ctx, XDP_PASS, 0);
}

XDPDUMP_XDP_ENTRY(xdpdump_bounce, run)
