//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's XDP capture stage.
 *
 * For every packet: count it, run the spliced tcpdump filter, record the
 * matching frame (fragments of multi-buffer frames included, up to the
 * snap length) into the ring buffer, then tail-call the next stage of the
 * chain (bounce, a user's stage, or the program that was attached before
 * us). Without a next stage the packet is passed to the stack. With the
 * exit point (include/exit.h) it also leaves each packet's entry id for
 * the exit copy, and records the exit of a chain that ends here. */
#include "include/xdp_stage.h"
#include "include/exit.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* With exit_point: 0 = the entry copy is not recorded (--capture-at exit),
 * only its packet id is left for the exit copy (include/exit.h). */
const volatile __u8 record_entry = 1;

/* With the exit point (include/exit.h): the entry copy's packet id is
 * taken here and left for the exit copy. Functions of their own (without
 * tail calls, which a BPF-to-BPF callee must not make: it would return
 * to us), so that the code of a capture without the exit point stays what
 * it was. */
static __attribute__((noinline)) int entry_mark(struct xdp_md *ctx, struct xdpdump_stats *st, __u32 want)
{
	__u64 id = xdpdump_entry_mark(want);

	if (want && record_entry)
		xdpdump_record_xdp_id(ctx, st, want, XDPDUMP_HOOK_XDP, XDP_PASS, id);
	return 0;
}

/* Nothing stands behind us: the chain passes the packet. */
static __attribute__((noinline)) int chain_end(struct xdp_md *ctx)
{
	return xdpdump_exit_ours(ctx, XDP_PASS, 0);
}

static __always_inline int run(struct xdp_md *ctx)
{
	struct xdpdump_stats *st = xdpdump_stats();
	__u32 want;

	if (!st)
		return xdpdump_next(ctx);
	want = XDPDUMP_MATCH(ctx, st);
	if (exit_point) {
		entry_mark(ctx, st, want);
		xdpdump_next(ctx);
		return chain_end(ctx);
	}
	if (want)
		xdpdump_record_xdp(ctx, st, want, XDPDUMP_HOOK_XDP, XDP_PASS);
	return xdpdump_next(ctx);
}

XDPDUMP_XDP_ENTRY(xdpdump_capture, run)
