//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's traffic generator.
 *
 * Run with BPF_PROG_TEST_RUN in live-frames mode
 * (BPF_F_TEST_XDP_LIVE_FRAMES): every repetition hands this program the
 * template frame, and XDP_TX sends it out of the device named by the run's
 * ingress_ifindex. The program paces itself: it returns XDP_DROP (cheap,
 * nothing leaves) until the next frame is due, so one syscall can run for a
 * long time at any rate. Each frame sent carries a sequence number and a
 * varying UDP source port.
 *
 * The template is Ethernet + IPv4 + UDP (checksum 0) + struct tg_hdr, so
 * writing the sequence number and port needs no checksum update. */
#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_endian.h>

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* Offsets in the template frame (IPv4 without options). */
#define TG_SPORT_OFF (14 + 20)
#define TG_HDR_OFF (14 + 20 + 8)

/* Written after the UDP header of every frame. Big-endian on the wire. */
struct tg_hdr {
	__u32 magic;  /* TG_MAGIC, set by the template */
	__u32 run_id; /* set by the template, tells runs apart */
	__u64 seq;    /* 0, 1, 2, ... in sending order */
};

/* Set by the loader (rodata). */
const volatile __u64 interval_ns = 0;   /* 0 = send on every repetition */
const volatile __u64 max_backlog_ns = 0; /* how far pacing may catch up */
const volatile __u16 sport_base = 1024;
const volatile __u16 sport_mask = 0xff; /* source port = base + (seq & mask) */

/* State shared with user space (.bss, memory-mapped). */
__u64 limit;    /* send at most this many frames in all; 0 = no limit */
__u64 sent;     /* frames returned with XDP_TX so far */
__u64 next_due; /* bpf_ktime_get_ns() when the next frame is due; 0 = now */
__u64 polls;    /* repetitions run */
__u64 deadline; /* bpf_ktime_get_ns() after which nothing is sent; 0 = none */
__u64 first_ns; /* bpf_ktime_get_ns() when the first frame was sent */
__u64 last_ns;  /* bpf_ktime_get_ns() when the last frame was sent */

SEC("xdp")
int trafficgen(struct xdp_md *ctx)
{
	void *data = (void *)(long)ctx->data;
	void *end = (void *)(long)ctx->data_end;
	struct tg_hdr *h = data + TG_HDR_OFF;
	__u16 *sport = data + TG_SPORT_OFF;
	__u64 seq = sent, now;

	if ((void *)(h + 1) > end)
		return XDP_ABORTED;
	polls++;
	if (limit && seq >= limit)
		return XDP_DROP;
	now = bpf_ktime_get_ns();
	if (deadline && now >= deadline)
		return XDP_DROP;
	if (interval_ns) {
		__u64 due = next_due;

		if (!due)
			due = now;
		if (now < due)
			return XDP_DROP;
		/* After a pause (between syscalls) send at most a short
		 * burst to catch up, not everything that fell due. */
		if (now - due > max_backlog_ns)
			due = now - max_backlog_ns;
		next_due = due + interval_ns;
	}
	h->seq = bpf_cpu_to_be64(seq);
	*sport = bpf_htons(sport_base + (seq & sport_mask));
	if (!seq)
		first_ns = now;
	last_ns = now;
	sent = seq + 1;
	return XDP_TX;
}
