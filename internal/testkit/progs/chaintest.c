//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* A stand-in for an XDP program that already does real work on an
 * interface (used by internal/chain's tests and benchmark): the firewall
 * of fw.h, which drops IPv4 UDP to port 9, rewrites the first payload byte
 * of every other IPv4 UDP datagram to 'R' (fixing the UDP checksum) and
 * counts its verdicts in `verdicts`. It knows nothing about xdpdump.
 *
 * chaintest_stage is a user's stage for `xdpdump chain --insert`: it counts
 * the packets it sees in `stage_seen` and continues the chain the way
 * xdpdump's own stages do, through the chain contract a user's stage
 * follows (bpf/include/chain.h: a tail call through `chain` at
 * `next_slot`, which the inserter sets). */
#include "fw.h"
#include "../../../bpf/include/chain.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

TESTPROG_COUNTERS(stage_seen, 1);

SEC("xdp")
int chaintest_stage(struct xdp_md *ctx)
{
	bump(&stage_seen);
	return xdpdump_next(ctx);
}

SEC("xdp")
int chaintest_xdp(struct xdp_md *ctx)
{
	return fw_run(ctx);
}

SEC("xdp.frags")
int chaintest_frags(struct xdp_md *ctx)
{
	return fw_run(ctx);
}
