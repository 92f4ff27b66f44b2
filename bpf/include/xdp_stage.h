/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* What every XDP stage of xdpdump's chain shares, on top of stage.h: the
 * chain contract (include/chain.h: the chain prog array, next_slot,
 * xdpdump_next), the xdp / xdp.frags pair of entry points, and copying a
 * frame (fragments included) into a record. */
#ifndef XDPDUMP_XDP_STAGE_H
#define XDPDUMP_XDP_STAGE_H

#include "stage.h"
#include "filter.h"
#include "chain.h"

/* Every stage exists twice: a prog array only tail-calls programs whose
 * xdp.frags flag matches, so the loader keeps the variant that matches
 * the program the chain stands in front of (frags when nothing is
 * attached, so that jumbo MTUs work) and drops the other. */
#define XDPDUMP_XDP_ENTRY(name, fn)                              \
	SEC("xdp.frags") int name##_frags(struct xdp_md *ctx)     \
	{                                                        \
		return fn(ctx);                                  \
	}                                                        \
	SEC("xdp") int name(struct xdp_md *ctx)                  \
	{                                                        \
		return fn(ctx);                                  \
	}


/* The frame's own fields of a record's header. */
#define XDPDUMP_XDP_HDR(h, ctx, len, hook_, verdict_)           \
	do {                                                     \
		(h)->orig_len = (len);                           \
		(h)->ifindex = (ctx)->ingress_ifindex;           \
		(h)->rx_queue = (ctx)->rx_queue_index;           \
		(h)->hook = (hook_);                             \
		(h)->verdict = (verdict_);                       \
	} while (0)

/* One copy: a reservation of the record's size class, the frame loaded
 * straight into it (include/stage.h). */
static __always_inline void xdpdump_record_xdp_class(struct xdp_md *ctx, struct xdpdump_stats *st,
						     __u64 len, __u64 cap, __u16 hook, __u16 verdict,
						     __u32 cpu, __u64 id)
{
	XDPDUMP_RECORD_CLASS(ctx, bpf_xdp_load_bytes, st, cap, cpu, id,
			     XDPDUMP_XDP_HDR, ctx, len, hook, verdict);
}

#ifdef XDPDUMP_DYNPTR
/* Only in the benchmarks' build of the stage (bpf.LoadCaptureDynptr): a
 * kfunc makes the loader read the kernel's whole BTF, which costs xdpdump
 * start-up time and memory. */
extern int bpf_dynptr_from_xdp(struct xdp_md *x, __u64 flags, struct bpf_dynptr *ptr__uninit) __ksym;
extern int bpf_dynptr_copy(struct bpf_dynptr *dst_ptr, __u32 dst_off, struct bpf_dynptr *src_ptr,
			   __u32 src_off, __u32 size) __ksym;

/* One copy of the exact size: a dynptr reservation, the frame copied from
 * the packet's own dynptr (fragments included). */
static __always_inline void xdpdump_record_xdp_dynptr(struct xdp_md *ctx, struct xdpdump_stats *st,
						      __u64 len, __u64 cap, __u16 hook, __u16 verdict,
						      __u32 cpu, __u64 id)
{
	void *rb = xdpdump_ring(cpu);
	struct xdpdump_ctl *c = xdpdump_flag(cpu);
	struct bpf_dynptr rp, xp;
	struct xdpdump_rec_hdr *h;
	__u64 flags;

	if (!rb || !xdpdump_unstage(cpu)) {
		st->lost++;
		return;
	}
	flags = xdpdump_wake_flags(rb, c, sizeof(*h) + cap);
	if (bpf_ringbuf_reserve_dynptr(rb, sizeof(*h) + cap, 0, &rp)) {
		bpf_ringbuf_discard_dynptr(&rp, 0);
		xdpdump_wake_undo(c, flags);
		st->lost++;
		return;
	}
	h = bpf_dynptr_data(&rp, 0, sizeof(*h));
	if (!h || bpf_dynptr_from_xdp(ctx, 0, &xp) ||
	    bpf_dynptr_copy(&rp, sizeof(*h), &xp, 0, cap)) {
		bpf_ringbuf_discard_dynptr(&rp, flags);
		st->lost++;
		return;
	}
	XDPDUMP_XDP_HDR(h, ctx, len, hook, verdict);
	xdpdump_fill_hdr(h, cap, st, cpu, id);
	bpf_ringbuf_submit_dynptr(&rp, flags);
	st->captured++;
	xdpdump_wake_after(rb, c, flags);
}

#endif

/* Two copies: into this CPU's scratch buffer, then into the ring. */
static __always_inline void xdpdump_record_xdp_scratch(struct xdp_md *ctx, struct xdpdump_stats *st,
						       __u64 len, __u64 cap, __u16 hook, __u16 verdict,
						       __u32 cpu, __u64 id)
{
	struct xdpdump_scratch *s = bpf_map_lookup_elem(&scratch, &cpu);

	if (!s) {
		st->lost++;
		return;
	}
	if (bpf_xdp_load_bytes(ctx, 0, s->data, cap) < 0) {
		st->lost++;
		return;
	}
	XDPDUMP_XDP_HDR(&s->hdr, ctx, len, hook, verdict);
	s->hdr.pkt_id = id;
	xdpdump_emit(s, cap, st, cpu);
}

/* The staging timer of a CPU's batch (include/stage.h): sends what is
 * staged, and runs again while the CPU records, while a program of the
 * CPU is at the entry, or while the ring has no room for the batch. On
 * another CPU than the entry's (the timer moved with its CPU going
 * offline) it leaves the entry alone, and stops once the entry's CPU has
 * been quiet for XDPDUMP_BATCH_IDLE_NS; what it left staged goes with the
 * CPU's next record or to the owner at the end. */
static int xdpdump_batch_tick(void *map, __u32 *key, struct xdpdump_batch *b)
{
	int again = bpf_ktime_get_ns() - b->last_ts < XDPDUMP_BATCH_IDLE_NS;

	if (bpf_get_smp_processor_id() == *key &&
	    (*(volatile __u32 *)&b->busy || (b->len && !xdpdump_batch_send(b, *key))))
		again = 1;
	if (again)
		bpf_timer_start(&b->timer, batch_tick_ns, XDPDUMP_TIMER_CPU_PIN);
	else
		b->armed = 0;
	return 0;
}

/* Stages the record (hook XDP, verdict XDP_PASS: what the entry
 * records) of a linear frame of up to XDPDUMP_BATCH_CAP bytes when this
 * CPU is busy (include/stage.h): 1 when it is staged or lost, 0 when it is
 * to be recorded directly. copy_mode XDPDUMP_COPY_BATCH stages whatever
 * the rate (for the benchmarks). A global function: the verifier checks
 * it once, and walks the direct record's path after it once, not once for
 * every way of coming out of it (its load time doubled). */
__attribute__((noinline)) int xdpdump_stage_xdp(struct xdp_md *ctx, struct xdpdump_stats *st,
						__u64 len, __u64 cap, __u32 cpu)
{
	int force = copy_mode == XDPDUMP_COPY_BATCH;
	struct xdpdump_batch *b = bpf_map_lookup_elem(&batch, &cpu);
	struct xdpdump_rec_hdr *h;
	__u64 now, last;
	__u32 off, size;

	if (!b || !st || cap < 1 || cap > XDPDUMP_BATCH_CAP || !xdpdump_ring(cpu))
		return 0;
	now = bpf_ktime_get_ns();
	last = b->last_ts;
	b->last_ts = now;
	if (!force && now - last > batch_gap_ns)
		return 0; /* quiet: the record goes alone, the staged ones first */
	/* The dead-man switch (xdpdump_alive), on the record's own clock. */
	if (deadman_ns) {
		struct xdpdump_ctl *c = xdpdump_ctl();

		if (!c || (__s64)(now - c->heartbeat_ns) >= (__s64)deadman_ns) {
			st->lost++;
			return 1;
		}
	}
	*(volatile __u32 *)&b->busy = 1;
	off = b->len;
	if (off > XDPDUMP_BATCH_BYTES - sizeof(*h) - XDPDUMP_BATCH_CAP ||
	    (off && now - b->first_ts > batch_age_ns)) {
		if (!xdpdump_batch_send(b, cpu)) {
			*(volatile __u32 *)&b->busy = 0;
			st->lost++;
			return 1;
		}
		off = 0;
	}
	asm volatile("" : "+r"(off));
	if (off > XDPDUMP_BATCH_BYTES - sizeof(*h) - XDPDUMP_BATCH_CAP) {
		*(volatile __u32 *)&b->busy = 0;
		return 0;
	}
	h = (void *)&b->buf[off];
	if (bpf_xdp_load_bytes(ctx, 0, (void *)(h + 1), cap) < 0) {
		*(volatile __u32 *)&b->busy = 0;
		st->lost++;
		return 1;
	}
	size = sizeof(*h) + ((cap + 7) & ~7);
	XDPDUMP_XDP_HDR(h, ctx, len, XDPDUMP_HOOK_XDP, XDP_PASS);
	xdpdump_fill_hdr_at(h, cap, st, cpu, 0, now, size);
	if (!off)
		b->first_ts = now;
	b->len = off + size;
	st->captured++;
	*(volatile __u32 *)&b->busy = 0;
	if (!b->armed) {
		if (!b->inited) {
			bpf_timer_init(&b->timer, &batch, 1 /* CLOCK_MONOTONIC */);
			b->inited = 1;
		}
		bpf_timer_set_callback(&b->timer, xdpdump_batch_tick);
		if (!bpf_timer_start(&b->timer, batch_tick_ns, XDPDUMP_TIMER_CPU_PIN))
			b->armed = 1;
	}
	return 1;
}

/* Records up to want bytes of the frame (fragments of multi-buffer frames
 * included, at most the snap length) with the given hook, verdict and
 * packet id (0 = a new one). */
static __always_inline void xdpdump_record_xdp_id(struct xdp_md *ctx, struct xdpdump_stats *st,
						  __u64 want, __u16 hook, __u16 verdict, __u64 id)
{
	__u32 cpu = bpf_get_smp_processor_id();
	__u64 len, cap;
	__u8 mode = copy_mode;

	len = bpf_xdp_get_buff_len(ctx);
	cap = xdpdump_cap_len(len, want);
	if (cap < 1)
		return;
	/* Small linear frames of a busy CPU are staged (include/stage.h). */
	if ((batch_gap_ns || mode == XDPDUMP_COPY_BATCH) && !id && hook == XDPDUMP_HOOK_XDP &&
	    verdict == XDP_PASS && cap <= XDPDUMP_BATCH_CAP && len == ctx->data_end - ctx->data &&
	    xdpdump_stage_xdp(ctx, st, len, cap, cpu))
		return;
	if (mode == XDPDUMP_COPY_BATCH)
		mode = XDPDUMP_COPY_AUTO;
	if (!xdpdump_alive(xdpdump_ctl())) {
		st->lost++;
		return;
	}
	/* Linear frames go straight into a reservation of their class; a
	 * multi-buffer frame's fragments are copied faster into the (cache
	 * hot) scratch buffer and from there in one piece into the ring
	 * (BenchmarkProgram, 9000 B: scratch 1206 ns, class 1362). */
	if (mode == XDPDUMP_COPY_AUTO)
		mode = cap <= XDPDUMP_CLASS_MAX && len == ctx->data_end - ctx->data ?
			       XDPDUMP_COPY_CLASS : XDPDUMP_COPY_SCRATCH;
	if (mode == XDPDUMP_COPY_CLASS && cap <= XDPDUMP_CLASS_MAX)
		xdpdump_record_xdp_class(ctx, st, len, cap, hook, verdict, cpu, id);
#ifdef XDPDUMP_DYNPTR
	else if (mode == XDPDUMP_COPY_DYNPTR)
		xdpdump_record_xdp_dynptr(ctx, st, len, cap, hook, verdict, cpu, id);
#endif
	else
		xdpdump_record_xdp_scratch(ctx, st, len, cap, hook, verdict, cpu, id);
}

/* Records up to want bytes of the frame under a new packet id. */
static __always_inline void xdpdump_record_xdp(struct xdp_md *ctx, struct xdpdump_stats *st,
					       __u64 want, __u16 hook, __u16 verdict)
{
	xdpdump_record_xdp_id(ctx, st, want, hook, verdict, 0);
}

#endif
