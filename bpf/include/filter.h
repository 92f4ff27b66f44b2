/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The filter placeholder. filter.Splice replaces the body of
 * xdpdump_filter with the eBPF that cbpfc made from libpcap's classic
 * program, before the collection is loaded.
 *
 * Contract of the spliced code: R1 = struct xdp_md *ctx on entry; R0 = 0
 * when the packet does not match, otherwise the classic program's return
 * value (the number of bytes to capture); exit.
 *
 * The placeholder reads ctx so that clang really passes it in R1, and hides
 * its result behind an asm barrier so that clang cannot fold the call. */
#ifndef XDPDUMP_FILTER_H
#define XDPDUMP_FILTER_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __attribute__((noinline)) __u32 xdpdump_filter(struct xdp_md *ctx)
{
	__u32 ret = (ctx->data_end - ctx->data) | 1;

	/* After this clang knows nothing of ret: it must keep the caller's
	 * test of the result. */
	asm volatile("" : "+r"(ret));
	return ret;
}

#endif
