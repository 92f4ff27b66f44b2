/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/* The filter placeholder for programs whose context is struct __sk_buff
 * (TC). Same contract as include/filter.h: filter.Splice replaces the body
 * with what filter.Compile(expr, snaplen, filter.TC) made; R1 = ctx on
 * entry, R0 = 0 for no match, else the number of bytes to capture.
 *
 * The placeholder reads ctx so that clang really passes it in R1, and hides
 * its result behind an asm barrier so that clang cannot fold the call.
 * A program includes either this file or filter.h, never both: the spliced
 * function has one name. */
#ifndef XDPDUMP_FILTER_SKB_H
#define XDPDUMP_FILTER_SKB_H

#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

static __attribute__((noinline)) __u32 xdpdump_filter(struct __sk_buff *ctx)
{
	__u32 ret = ctx->len;

	asm volatile("" : "+r"(ret));
	return ret;
}

#endif
