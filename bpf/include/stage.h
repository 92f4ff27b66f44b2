/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* What every xdpdump stage shares: the maps of a capture (ring or rings,
 * control page, packet ids, scratch), its counters, the dead-man switch, the
 * count -> filter -> matched step and writing a record into the ring with
 * at most one wakeup per sleep of the reader.
 *
 * A stage includes this file and one filter placeholder: include/filter.h
 * (XDP, then also include/xdp_stage.h) or include/filter_skb.h (TC). The
 * loader (internal/stage) replaces ring, rings, ctl, pkt_ids and scratch
 * by the capture's own, so that every stage of every interface writes the same
 * ring and numbers its packets in one sequence. */
#ifndef XDPDUMP_STAGE_H
#define XDPDUMP_STAGE_H

#include "xdpdump.h"

/* Filled in by the loader before load (rodata). */
const volatile __u8 filter_enabled = 0; /* 0: no filter, the call is dead code */
const volatile __u32 snaplen = 262144;
/* 1: the reader raises ctl->reader_sleeping before it sleeps and is woken
 * only through it (xdpdump's own reader); 0: the kernel's default wakeup,
 * for readers that know nothing of the flag. */
const volatile __u8 reader_flag = 0;
/* With reader_flag: wake a sleeping reader only once this many bytes wait
 * in the ring; 0 = at the first record. */
const volatile __u32 wakeup_bytes = 0;
/* Stop acting once the owner's heartbeat is older than this; 0 = never. */
const volatile __u64 deadman_ns = 0;
/* Possible CPUs, for packet ids (set by the loader). */
const volatile __u32 nr_cpus = 1;
/* 1: every CPU writes a ring of its own (rings[cpu]), whose reader has a
 * flag of its own (ctl[cpu]); 0: all CPUs share one ring (ring, ctl[0]). */
const volatile __u8 ring_per_cpu = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 24);
} ring SEC(".maps");

/* The rings of a capture with one per CPU (the loader sets max_entries
 * and fills it; unused, and left empty, with one shared ring). */
struct xdpdump_cpu_ring {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 12);
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY_OF_MAPS);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, struct xdpdump_cpu_ring);
} rings SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xdpdump_ctl);
} ctl SEC(".maps");

/* Per-CPU packet sequence of the capture: pkt_id = seq * nr_cpus + cpu + 1
 * is unique over CPUs and hooks and stays small enough to read. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} pkt_ids SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xdpdump_stats);
} stats SEC(".maps");

/* A record is assembled here before it goes into the ring. One 128 KiB
 * entry per possible CPU (the loader sets max_entries), indexed by
 * bpf_get_smp_processor_id(): a per-CPU array cannot hold values over
 * 32 KiB. Stages of one CPU never nest (softirq, or BH disabled), so the
 * stages of a capture share one. */
struct xdpdump_scratch {
	struct xdpdump_rec_hdr hdr;
	__u8 data[XDPDUMP_MAX_CAP];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xdpdump_scratch);
} scratch SEC(".maps");

/* Small records of a busy CPU are staged here, one entry per possible
 * CPU (the loader sets max_entries; a CPU without one records directly),
 * and go into the ring a batch at a time: one reservation, one wakeup
 * check and one commit for up to a page of records, instead of one each
 * (bpf_ringbuf_reserve + submit cost about as much as the rest of a
 * 64-byte record). The records of a batch follow each other, each header
 * saying in next how far the following one is. Every record a stage of
 * this CPU writes into the ring directly first sends the batch before it
 * (xdpdump_unstage), so records of one CPU stay in order; a batch also
 * goes once it is batch_age_ns old (at the next record) or, when the
 * traffic stops, from the entry's timer, which runs on the entry's CPU. */
#define XDPDUMP_BATCH_BYTES 4096
/* Records up to this many packet bytes are staged, larger ones are not. */
#define XDPDUMP_BATCH_CAP 256
struct xdpdump_batch {
	struct bpf_timer timer;
	__u32 len;      /* bytes staged in buf */
	__u32 busy;     /* a program of this CPU is at the entry (see the timer) */
	__u64 first_ts; /* the oldest staged record's time */
	__u64 last_ts;  /* the last record's time (whether this CPU is busy) */
	__u32 armed;    /* the timer runs */
	__u32 inited;   /* bpf_timer_init was done */
	__u8 buf[XDPDUMP_BATCH_BYTES];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xdpdump_batch);
} batch SEC(".maps");

/* Stage records only while this CPU records one at least every this many
 * ns (0 = never stage: every record goes into the ring on its own). */
const volatile __u64 batch_gap_ns = 0;
/* Send a batch at the next record once its oldest is this old. */
const volatile __u64 batch_age_ns = 50000;
/* The timer's period: a staged record waits at most about this long when
 * no further record comes. */
const volatile __u64 batch_tick_ns = 1000000;
/* The timer stops once the CPU has recorded nothing for this long. */
#define XDPDUMP_BATCH_IDLE_NS 100000000
/* bpf_timer_start: run the callback on the CPU that starts the timer. */
#define XDPDUMP_TIMER_CPU_PIN (1ULL << 1)

static __always_inline struct xdpdump_stats *xdpdump_stats(void)
{
	__u32 key = 0;

	return bpf_map_lookup_elem(&stats, &key);
}

/* The control page's first entry: the heartbeat (and the flag of the
 * shared ring's reader). */
static __always_inline struct xdpdump_ctl *xdpdump_ctl(void)
{
	__u32 key = 0;

	return bpf_map_lookup_elem(&ctl, &key);
}

/* The ring this CPU's records go to (NULL if there is none). */
static __always_inline void *xdpdump_ring(__u32 cpu)
{
	if (!ring_per_cpu)
		return &ring;
	return bpf_map_lookup_elem(&rings, &cpu);
}

/* The control entry whose reader_sleeping flag belongs to the reader of
 * this CPU's ring. */
static __always_inline struct xdpdump_ctl *xdpdump_flag(__u32 cpu)
{
	__u32 key = ring_per_cpu ? cpu : 0;

	return bpf_map_lookup_elem(&ctl, &key);
}

/* Whether the owner is alive: its heartbeat is younger than deadman_ns
 * (always, without a dead-man switch). */
static __always_inline int xdpdump_alive(struct xdpdump_ctl *c)
{
	if (!deadman_ns)
		return 1;
	if (!c)
		return 0;
	return (__s64)(bpf_ktime_get_coarse_ns() - c->heartbeat_ns) < (__s64)deadman_ns;
}

/* Counts the packet and runs the spliced filter: 0 when it does not
 * match, else the number of bytes the filter wants (its return value).
 * A macro, so that it serves both filter placeholders. */
#define XDPDUMP_MATCH(ctx, st)                                   \
	({                                                       \
		__u32 _want = 0xffffffff;                        \
		(st)->seen++;                                    \
		if (filter_enabled)                              \
			_want = xdpdump_filter(ctx);             \
		if (_want)                                       \
			(st)->matched++;                         \
		_want;                                           \
	})

/* Bytes to capture of a frame of len bytes: no more than the snap length,
 * the filter's return value (want) and a record's room; 0 = none. The
 * barrier keeps clang from merging the bounds the verifier needs. */
static __always_inline __u64 xdpdump_cap_len(__u64 len, __u64 want)
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

static __always_inline __u64 xdpdump_next_id(__u32 cpu)
{
	__u32 key = 0;
	__u64 *seq = bpf_map_lookup_elem(&pkt_ids, &key);

	if (!seq)
		return 0;
	return (*seq)++ * nr_cpus + cpu + 1;
}

/* Whether this record should wake the reader: it sleeps, enough waits
 * (counting size more bytes), and we are the one that takes the flag. */
static __always_inline int xdpdump_take_wakeup(void *rb, struct xdpdump_ctl *c, __u64 size)
{
	if (!c || !*(volatile __u32 *)&c->reader_sleeping)
		return 0;
	if (wakeup_bytes && bpf_ringbuf_query(rb, BPF_RB_AVAIL_DATA) + size < wakeup_bytes)
		return 0;
	return __sync_lock_test_and_set(&c->reader_sleeping, 0) != 0;
}

/* The flags to commit a record of size bytes with. With reader_flag the
 * kernel itself never wakes the reader (BPF_RB_NO_WAKEUP): the reader
 * raises ctl->reader_sleeping before it sleeps, and the record that finds
 * it raised, once wakeup_bytes wait, takes it and wakes the reader
 * (BPF_RB_FORCE_WAKEUP). So each sleep costs at most one wakeup, however
 * far the reader lags: a lagging reader never sleeps. Without reader_flag
 * (0): the kernel's own rule, a wakeup when the reader has caught up. */
static __always_inline __u64 xdpdump_wake_flags(void *rb, struct xdpdump_ctl *c, __u64 size)
{
	if (!reader_flag)
		return 0;
	return xdpdump_take_wakeup(rb, c, size) ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

/* After a record is committed with flags: the flag is read again, since
 * a reader that went to sleep in between has either seen the record or
 * raised the flag (both sides order their store before their load: the
 * commit's xchg here, the reader's XCHG there), so no record is left
 * waiting. A discarded 8-byte record carries the wakeup. */
static __always_inline void xdpdump_wake_after(void *rb, struct xdpdump_ctl *c, __u64 flags)
{
	void *r;

	if (flags != BPF_RB_NO_WAKEUP || !xdpdump_take_wakeup(rb, c, 0))
		return;
	r = bpf_ringbuf_reserve(rb, 8, 0);
	if (r)
		bpf_ringbuf_discard(r, BPF_RB_FORCE_WAKEUP);
	else if (c)
		/* Full: no record can carry it; leave the flag to the next. */
		c->reader_sleeping = 1;
}

/* A record that could not be written after its flags took the reader's
 * flag: give it back, the wakeup did not happen. */
static __always_inline void xdpdump_wake_undo(struct xdpdump_ctl *c, __u64 flags)
{
	if (c && flags == BPF_RB_FORCE_WAKEUP)
		c->reader_sleeping = 1;
}

/* Sends this CPU's staged records into the ring as one ring record: 1
 * when nothing is left staged, 0 when the ring has no room (they stay,
 * and go with a later record or tick: a staged record is counted as
 * captured, and reaches the ring or, after the stages are gone, the
 * owner, who reads what is left in the map). */
static __always_inline int xdpdump_batch_send(struct xdpdump_batch *b, __u32 cpu)
{
	__u32 len = b->len;
	struct xdpdump_ctl *c;
	__u64 flags;
	void *rb;

	if (!len)
		return 1;
	if (len > XDPDUMP_BATCH_BYTES)
		return 0;
	rb = xdpdump_ring(cpu);
	if (!rb)
		return 0;
	c = xdpdump_flag(cpu);
	flags = xdpdump_wake_flags(rb, c, len);
	if (bpf_ringbuf_output(rb, b->buf, len, flags)) {
		xdpdump_wake_undo(c, flags);
		return 0;
	}
	b->len = 0;
	xdpdump_wake_after(rb, c, flags);
	return 1;
}

/* Before a record of this CPU goes into the ring directly: the staged
 * ones before it go first. 0 when they cannot (the ring is full): the
 * record must not overtake them, and is lost. A global function: the
 * verifier checks it once, not again on every record's path (that took
 * the stages' load time up by half). Not in bounce (XDPDUMP_INLINE_UNSTAGE):
 * with a call on its answers' path, the verifier's walk of its exit point
 * variant went past a million instructions. */
#ifdef XDPDUMP_INLINE_UNSTAGE
static __always_inline
#else
__attribute__((noinline))
#endif
int xdpdump_unstage(__u32 cpu)
{
	struct xdpdump_batch *b;
	int ok;

	b = bpf_map_lookup_elem(&batch, &cpu);
	if (!b || !b->len)
		return 1;
	*(volatile __u32 *)&b->busy = 1;
	ok = xdpdump_batch_send(b, cpu);
	*(volatile __u32 *)&b->busy = 0;
	return ok;
}

/* Fills in what every record's header carries but the frame's own fields
 * (orig_len, ifindex, rx_queue, hook, verdict), taken at ts, with next
 * (0: a record alone); pkt_id 0 = take a new one. */
static __always_inline void xdpdump_fill_hdr_at(struct xdpdump_rec_hdr *h, __u64 cap,
						struct xdpdump_stats *st, __u32 cpu, __u64 pkt_id,
						__u64 ts, __u32 next)
{
	h->ts_ns = ts;
	h->cap_len = cap;
	h->lost = st->lost;
	h->pkt_id = pkt_id ? pkt_id : xdpdump_next_id(cpu);
	h->cpu = cpu;
	h->next = next;
}

/* xdpdump_fill_hdr_at for a record alone, taken now. */
static __always_inline void xdpdump_fill_hdr(struct xdpdump_rec_hdr *h, __u64 cap,
					     struct xdpdump_stats *st, __u32 cpu, __u64 pkt_id)
{
	xdpdump_fill_hdr_at(h, cap, st, cpu, pkt_id, bpf_ktime_get_ns(), 0);
}

/* Pushes header + cap bytes of s into the ring; the caller filled in the
 * header but for ts_ns, cap_len, lost, pkt_id and cpu (pkt_id 0 = take a
 * new one). Two copies: into scratch, then into the ring. */
static __always_inline void xdpdump_emit(struct xdpdump_scratch *s, __u64 cap,
					 struct xdpdump_stats *st, __u32 cpu)
{
	void *rb = xdpdump_ring(cpu);
	struct xdpdump_ctl *c = xdpdump_flag(cpu);
	__u64 size = sizeof(s->hdr) + cap;
	__u64 flags;

	if (!rb || !xdpdump_unstage(cpu)) {
		st->lost++;
		return;
	}
	xdpdump_fill_hdr(&s->hdr, cap, st, cpu, s->hdr.pkt_id);
	flags = xdpdump_wake_flags(rb, c, size);
	if (bpf_ringbuf_output(rb, s, size, flags)) {
		xdpdump_wake_undo(c, flags);
		st->lost++;
		return;
	}
	st->captured++;
	xdpdump_wake_after(rb, c, flags);
}

/* How a record's bytes get into the ring (rodata; 0 in production, the
 * others force one way for the benchmarks and tests). */
enum xdpdump_copy {
	XDPDUMP_COPY_AUTO = 0,    /* the fastest way for the size (below) */
	XDPDUMP_COPY_SCRATCH = 1, /* into scratch, then bpf_ringbuf_output: two copies */
	XDPDUMP_COPY_CLASS = 2,   /* reserve a size class, load straight into it */
	XDPDUMP_COPY_DYNPTR = 3,  /* bpf_ringbuf_reserve_dynptr of the size, bpf_dynptr_copy
				   * (XDP, in the benchmarks' build only) */
	XDPDUMP_COPY_BATCH = 4,   /* staged whatever the rate, sent a batch at a time */
};
const volatile __u8 copy_mode = XDPDUMP_COPY_AUTO;

/* The size classes of records reserved with a constant size
 * (bpf_ringbuf_reserve wants one): packet bytes a record of each class
 * has room for. XDP stages use them for linear frames (multi-buffer
 * frames measured faster through scratch), TC for any skb up to the
 * largest class. The record says in cap_len how many of them are real;
 * the rest is padding the reader skips. */
#define XDPDUMP_CLASS_MAX 9216
#define XDPDUMP_CLASSES(X)                                               \
	X(64) X(128) X(192) X(256) X(384) X(512) X(768) X(1024) X(1280)  \
	X(1536) X(2048) X(3072) X(4096) X(6144) X(8192) X(9216)

/* rec = a reservation in ring rb (not NULL) of the smallest class that
 * holds cap bytes, or NULL (ring full, or cap over XDPDUMP_CLASS_MAX). Every class is its
 * own call with a constant size, as the verifier wants, and on each path
 * the verifier knows cap to be within the class. */
#define XDPDUMP_CLASS_TRY(n)                                                     \
	else if (cap <= (n)) rec = bpf_ringbuf_reserve(rb, sizeof(struct xdpdump_rec_hdr) + (n), 0);
#define XDPDUMP_RESERVE_CLASS(rec, rb, cap)                                      \
	do {                                                                     \
		rec = 0;                                                         \
		if (0) {}                                                        \
		XDPDUMP_CLASSES(XDPDUMP_CLASS_TRY)                               \
	} while (0)

/* One copy, for any hook: a reservation of the smallest size class that
 * holds cap bytes in this CPU's ring, the frame loaded straight into it by
 * load(ctx, 0, to, cap) (bpf_xdp_load_bytes, bpf_skb_load_bytes), the
 * frame's own header fields set by HDR(rec, ...) (the arguments after
 * HDR), the rest by xdpdump_fill_hdr (id 0 = a new packet id); what does
 * not make it into the ring is counted lost. The wakeup flags are taken
 * before the reservation: a reader that announces its sleep after it then
 * sees the record and withdraws. A macro, since the loads and the header
 * fields take different contexts; like XDPDUMP_RESERVE_CLASS it wants the
 * caller's byte count named cap. */
#define XDPDUMP_RECORD_CLASS(ctx, load, st, cap, cpu, id, HDR, ...)              \
	do {                                                                     \
		void *rb = xdpdump_ring(cpu);                                    \
		struct xdpdump_ctl *_c = xdpdump_flag(cpu);                      \
		struct xdpdump_rec_hdr *rec;                                     \
		__u64 _flags;                                                    \
                                                                                 \
		if (!rb || !xdpdump_unstage(cpu)) {                              \
			(st)->lost++;                                            \
			break;                                                   \
		}                                                                \
		_flags = xdpdump_wake_flags(rb, _c, sizeof(*rec) + (cap));       \
		XDPDUMP_RESERVE_CLASS(rec, rb, cap);                             \
		if (!rec) {                                                      \
			xdpdump_wake_undo(_c, _flags);                           \
			(st)->lost++;                                            \
			break;                                                   \
		}                                                                \
		if (load(ctx, 0, rec + 1, cap) < 0) {                            \
			bpf_ringbuf_discard(rec, _flags);                        \
			(st)->lost++;                                            \
			break;                                                   \
		}                                                                \
		HDR(rec, __VA_ARGS__);                                           \
		xdpdump_fill_hdr(rec, cap, st, cpu, id);                         \
		bpf_ringbuf_submit(rec, _flags);                                 \
		(st)->captured++;                                                \
		xdpdump_wake_after(rb, _c, _flags);                              \
	} while (0)

/* The scratch buffer of this CPU, its header zeroed but for what the
 * caller sets; NULL (and the packet counted lost) if there is none, or if
 * nobody reads any more (dead-man switch). */
static __always_inline struct xdpdump_scratch *xdpdump_scratch(struct xdpdump_stats *st, __u32 cpu)
{
	struct xdpdump_scratch *s;

	if (!xdpdump_alive(xdpdump_ctl())) {
		st->lost++;
		return 0;
	}
	s = bpf_map_lookup_elem(&scratch, &cpu);
	if (!s) {
		st->lost++;
		return 0;
	}
	s->hdr.pkt_id = 0;
	return s;
}

#endif
