//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* The firewall stand-in (fw.h) in SEC("xdp"): what libbpf-based loaders
 * (iproute2 `sec xdp`, bpftool, xdp-loader) load with the expected attach
 * type BPF_XDP, and cilium/ebpf with or without one. */
#include "fw.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

SEC("xdp")
int fw_xdp(struct xdp_md *ctx)
{
	return fw_run(ctx);
}
