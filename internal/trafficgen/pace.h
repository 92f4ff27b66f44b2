/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The pacing the generator's programs share (trafficgen.c, synflood.c):
 * the state user space reads and writes through the memory-mapped .bss,
 * the loader's interval and catch-up bound, and the step that decides
 * whether this repetition sends a frame (XDP_TX) or costs nothing
 * (XDP_DROP, until the next frame is due). */
#ifndef TRAFFICGEN_PACE_H
#define TRAFFICGEN_PACE_H

#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

/* Set by the loader (rodata). */
const volatile __u64 interval_ns = 0;    /* 0 = send on every repetition */
const volatile __u64 max_backlog_ns = 0; /* how far pacing may catch up */

/* State shared with user space (.bss, memory-mapped). */
__u64 limit;    /* send at most this many frames in all; 0 = no limit */
__u64 sent;     /* frames returned with XDP_TX so far */
__u64 next_due; /* bpf_ktime_get_ns() when the next frame is due; 0 = now */
__u64 polls;    /* repetitions run */
__u64 deadline; /* bpf_ktime_get_ns() after which nothing is sent; 0 = none */
__u64 first_ns; /* bpf_ktime_get_ns() when the first frame was sent */
__u64 last_ns;  /* bpf_ktime_get_ns() when the last frame was sent */

/* Counts the repetition and says whether frame seq is due now (*now set
 * to the time), or is not to be sent at all: over the limit, past the
 * deadline, or ahead of its time. */
static __always_inline int tg_due(__u64 seq, __u64 *now)
{
	polls++;
	if (limit && seq >= limit)
		return 0;
	*now = bpf_ktime_get_ns();
	if (deadline && *now >= deadline)
		return 0;
	if (interval_ns) {
		__u64 due = next_due;

		if (!due)
			due = *now;
		if (*now < due)
			return 0;
		/* After a pause (between syscalls) send at most a short
		 * burst to catch up, not everything that fell due. */
		if (*now - due > max_backlog_ns)
			due = *now - max_backlog_ns;
		next_due = due + interval_ns;
	}
	return 1;
}

/* Notes frame seq as sent at now. */
static __always_inline void tg_sent(__u64 seq, __u64 now)
{
	if (!seq)
		first_ns = now;
	last_ns = now;
	sent = seq + 1;
}

#endif
