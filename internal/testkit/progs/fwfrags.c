//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* The firewall stand-in (fw.h) in SEC("xdp.frags"): it takes multi-buffer
 * frames, so a veth with MTU 9000 runs it in native mode. The headers it
 * reads and the byte it rewrites are in the linear part. */
#include "fw.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("xdp.frags")
int fw_frags(struct xdp_md *ctx)
{
	return fw_run(ctx);
}
