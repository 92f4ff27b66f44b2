//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* The firewall stand-in (fw.h) in SEC("prog"), a section libbpf does not
 * know, as older code has it: iproute2 (`sec prog`) and bpftool (`type
 * xdp`) load it as XDP without an expected attach type (0). */
#include "fw.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("prog")
int fw_prog(struct xdp_md *ctx)
{
	return fw_run(ctx);
}
