//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's XDP capture stage.
 *
 * For every packet: count it, run the spliced tcpdump filter, record the
 * matching frame (fragments of multi-buffer frames included, up to the
 * snap length) into the ring buffer, then tail-call the next stage of the
 * chain (bounce, a user's stage, or the program that was attached before
 * us). Without a next stage the packet is passed to the stack. */
#include "include/xdp_stage.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

static __always_inline int run(struct xdp_md *ctx)
{
	struct xdpdump_stats *st = xdpdump_stats();
	__u32 want;

	if (!st)
		return xdpdump_next(ctx);
	want = XDPDUMP_MATCH(ctx, st);
	if (want)
		xdpdump_record_xdp(ctx, st, want, XDPDUMP_HOOK_XDP, XDP_PASS);
	return xdpdump_next(ctx);
}

XDPDUMP_XDP_ENTRY(xdpdump_capture, run)
