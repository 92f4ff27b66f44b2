/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* Shared definitions of the xdpdump BPF programs. The Go side mirrors
 * struct xdpdump_rec_hdr, struct xdpdump_stats and struct xdpdump_ctl
 * (bpf2go generates them). */
#ifndef XDPDUMP_H
#define XDPDUMP_H

#include <linux/bpf.h>
#include <linux/types.h>
#include <bpf/bpf_helpers.h>

/* Largest capture a record may carry. An XDP buffer is at most the linear
 * page plus MAX_SKB_FRAGS (17) pages, so 128 KiB holds every frame whole. */
#define XDPDUMP_MAX_CAP (1 << 17)

/* Where a record was taken. */
enum xdpdump_hook {
	XDPDUMP_HOOK_XDP = 0,    /* XDP ingress, before the stack */
	XDPDUMP_HOOK_TC_EGRESS = 1, /* TC egress, as it leaves the stack */
	XDPDUMP_HOOK_XDP_TX = 2, /* answer sent back out with XDP_TX (bounce) */
	XDPDUMP_HOOK_XDP_EXIT = 3, /* the packet as the XDP program left it; verdict = its action */
};

/* XDP actions an exit record can carry: XDP_ABORTED .. XDP_REDIRECT, one
 * slot each in an xdpcap hook. */
#define XDPDUMP_ACTIONS 5

/* Header of every ring buffer record; packet bytes follow. 48 bytes. */
struct xdpdump_rec_hdr {
	__u64 ts_ns;     /* bpf_ktime_get_ns() at the hook (CLOCK_MONOTONIC) */
	__u32 orig_len;  /* whole frame, fragments included */
	__u32 cap_len;   /* bytes that follow this header */
	__u32 ifindex;
	__u32 rx_queue;
	__u16 hook;      /* enum xdpdump_hook */
	__u16 verdict;   /* XDP action taken (XDP_TX for bounce answers) */
	__u32 lost;      /* records this CPU lost so far (ring full) */
	__u64 pkt_id;    /* per capture, unique over every hook: 1, 2, 3 ... */
	__u32 cpu;
	/* 0: the record is alone in its ring record (which may be padded
	 * past it); else the bytes from this header to the next record's,
	 * in a ring record that carries a batch of them (include/stage.h). */
	__u32 next;
};

/* Per-CPU counters, one map of them per stage. */
struct xdpdump_stats {
	__u64 seen;      /* packets that reached the program */
	__u64 matched;   /* packets the filter accepted */
	__u64 lost;      /* matched packets not recorded: ring full, or nobody reads */
	__u64 captured;  /* records written to the ring */
};

/* The control page of a capture: one entry, shared by every stage of the
 * capture and mapped into the reader's memory (BPF_F_MMAPABLE). */
struct xdpdump_ctl {
	/* Set to 1 by the reader just before it sleeps; the program that
	 * wakes it takes it back to 0 with an atomic exchange, so each sleep
	 * costs at most one wakeup however far the reader lags. */
	__u32 reader_sleeping;
	__u32 _pad;
	/* CLOCK_MONOTONIC ns of the owner's last sign of life: stages with a
	 * dead-man switch stop acting once it is older than deadman_ns. */
	__u64 heartbeat_ns;
};

#endif
