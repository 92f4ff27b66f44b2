//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's SYN flood generator (benchmarks of --bounce).
 *
 * Run like trafficgen.c with BPF_PROG_TEST_RUN in live-frames mode
 * (BPF_F_TEST_XDP_LIVE_FRAMES): every repetition hands this program the
 * template frame, an Ethernet + IPv4 + TCP SYN with 20 bytes of options,
 * and XDP_TX sends it out of the device named by the run's ingress_ifindex.
 * Pacing is trafficgen.c's (pace.h): XDP_DROP until the next frame is due.
 *
 * Every frame gets its own TCP source port, a bijective scramble of its
 * sequence number within [sport_base, sport_base + sport_mask], and a
 * correct TCP checksum: user space computes the one's-complement sum of the
 * pseudo-header and the template with source port 0 (csum_base), and the
 * program adds the port and folds. The sequence number of the frame goes
 * into the SYN's TSval, so a captured SYN tells which frame it was.
 *
 * The program writes the whole frame from tmpl every time: live-frames
 * pages are recycled without being reinitialised, and a receiver that
 * answers in place (the bounce stage turns the SYN into its SYN-ACK and
 * XDP_TXes the same page back) hands the generator its answer as the next
 * "template". */
#include "pace.h"

#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Offsets in the template frame (IPv4 without options). */
#define SF_SPORT_OFF (14 + 20)
#define SF_CSUM_OFF (14 + 20 + 16)
#define SF_TSVAL_OFF (14 + 20 + 20 + 8) /* MSS(4) SACK-permitted(2) TS kind, len */
#define SF_LEN (14 + 20 + 40)

/* Set by the loader (rodata). */
const volatile __u16 sport_base = 1024;
const volatile __u16 sport_mask = 0xffff; /* ports: base + scramble(seq) & mask */
const volatile __u32 csum_base = 0;       /* folded sum, source port and TSval 0 */

/* The SYN with source port, TSval and checksum 0 (set by the loader;
 * .data, not rodata, so that clang cannot fold the copy). */
__u8 tmpl[SF_LEN];

SEC("xdp")
int synflood(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	__u8 *p = data;
	__u64 seq = sent, now;
	__u32 sum, port, tsval;

	if ((void *)(p + SF_LEN) > end)
		return XDP_ABORTED;
	if (!tg_due(seq, &now))
		return XDP_DROP;
	/* An odd multiplier permutes the low 16 bits: consecutive frames get
	 * scattered ports, and every port of the range comes once a cycle. */
	__builtin_memcpy(p, tmpl, SF_LEN);
	port = (sport_base + ((__u32)seq * 40503u & sport_mask)) & 0xffff;
	tsval = (__u32)seq;
	*(__u16 *)(p + SF_SPORT_OFF) = bpf_htons(port);
	*(__u32 *)(p + SF_TSVAL_OFF) = bpf_htonl(tsval);
	sum = csum_base + port + (tsval >> 16) + (tsval & 0xffff);
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	*(__u16 *)(p + SF_CSUM_OFF) = bpf_htons(~sum & 0xffff);
	tg_sent(seq, now);
	return XDP_TX;
}
