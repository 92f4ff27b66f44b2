//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's exit stage: one per slot of an xdpcap hook (internal/xdpcap).
 *
 * A program instrumented for cloudflare's xdpcap ends with
 * `return xdpcap_exit(ctx, &hook, action)`: a tail call into the pinned
 * prog array `hook` at index action, which returns action itself when the
 * slot is empty. The stage in slot `action` records the packet as the
 * program left it, with the action as the verdict and the packet id of its
 * entry copy, and returns the action, so the program's decision stands.
 *
 * Recorded: packets of the interfaces we capture on (exit_ifs) whose entry
 * matched the filter, or that match it as they leave. */
#include "include/xdp_stage.h"
#include "include/exit.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

/* The XDP action of this stage's slot (set by the loader). */
const volatile __u32 action = 0;

static __always_inline int run(struct xdp_md *ctx)
{
	struct xdpdump_stats *st = xdpdump_exit_stats(ctx, action);
	__u32 want;
	__u64 id;

	if (!st)
		return action;
	id = xdpdump_entry_take();
	want = XDPDUMP_MATCH(ctx, st);
	if (!want && id) {
		st->matched++;
		want = 0xffffffff;
	}
	if (want)
		xdpdump_record_xdp_id(ctx, st, want, XDPDUMP_HOOK_XDP_EXIT, action, id);
	return action;
}

XDPDUMP_XDP_ENTRY(xdpdump_exit, run)
