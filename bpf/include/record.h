/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* What the XDP and TC capture programs share: the per-CPU scratch buffer
 * a record is assembled in, the capture length, and pushing the record
 * into the ring buffer with adaptive wakeups. */
#ifndef XDPDUMP_RECORD_H
#define XDPDUMP_RECORD_H

#include "xdpdump.h"

struct xdpdump_scratch {
	struct xdpdump_rec_hdr hdr;
	__u8 data[XDPDUMP_MAX_CAP];
};

/* One 128 KiB entry per possible CPU (the loader sets max_entries),
 * indexed by bpf_get_smp_processor_id(): a per-CPU array cannot hold
 * values over 32 KiB. */
#define XDPDUMP_SCRATCH_MAP(name)                                   \
	struct {                                                    \
		__uint(type, BPF_MAP_TYPE_ARRAY);                   \
		__uint(max_entries, 1);                             \
		__type(key, __u32);                                 \
		__type(value, struct xdpdump_scratch);              \
	} name SEC(".maps")

/* Bytes to capture of a frame of len bytes: no more than the snap length,
 * the filter's return value (want) and a record's room; 0 = none. The
 * barrier keeps clang from merging the bounds the verifier needs. */
static __always_inline __u64 xdpdump_cap_len(__u64 len, __u32 snaplen, __u64 want)
{
	__u64 cap = len;

	if (cap > snaplen)
		cap = snaplen;
	if (cap > want)
		cap = want;
	asm volatile("" : "+r"(cap));
	if (cap > XDPDUMP_MAX_CAP)
		cap = XDPDUMP_MAX_CAP;
	return cap;
}

/* Push s->hdr (filled in but for lost, pkt_id, cpu) and cap bytes of
 * s->data into ring. The reader is woken only once wakeup_bytes wait
 * (0 = the kernel's default: when it has caught up). */
static __always_inline void xdpdump_emit(void *ring, struct xdpdump_scratch *s, __u64 cap,
					 struct xdpdump_stats *st, __u32 cpu, __u32 wakeup_bytes)
{
	__u64 flags = 0;

	s->hdr.ts_ns = bpf_ktime_get_ns();
	s->hdr.cap_len = cap;
	s->hdr.lost = st->lost;
	s->hdr.pkt_id = ((__u64)cpu << 56) | st->seen;
	s->hdr.cpu = cpu;
	s->hdr._pad = 0;
	if (wakeup_bytes) {
		if (bpf_ringbuf_query(ring, BPF_RB_AVAIL_DATA) + cap >= wakeup_bytes)
			flags = BPF_RB_FORCE_WAKEUP;
		else
			flags = BPF_RB_NO_WAKEUP;
	}
	if (bpf_ringbuf_output(ring, s, sizeof(s->hdr) + cap, flags))
		st->lost++;
	else
		st->captured++;
}

#endif
