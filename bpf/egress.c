//go:build ignore

// SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause)
/* xdpdump's TC egress programs (attached with tcx, or clsact).
 *
 * xdpdump_egress captures: count the packet, run the spliced tcpdump
 * filter (include/filter_skb.h), copy the frame (up to the snap length)
 * into a per-CPU scratch buffer and push header + bytes into the same ring
 * buffer as the XDP side, with hook = XDPDUMP_HOOK_TC_EGRESS.
 *
 * xdpdump_flows_egress counts the packet into its flow (include/flows.h),
 * in the same flows map as the XDP flow stage.
 *
 * Neither changes what happens to the packet: both return TCX_NEXT, so the
 * TC programs after them run as before. The spliced filter reads past the
 * skb's linear part with bpf_skb_load_bytes by itself. The only change to
 * an skb is made by the flow counter when its headers are not all in the
 * linear part: bpf_skb_pull_data moves up to the first 256 bytes there
 * (layout only, the bytes stay the same) so that the parser can read them. */
#include "include/xdpdump.h"
#include "include/record.h"
#include "include/filter_skb.h"
#include "include/flows.h"

char LICENSE[] SEC("license") = "Dual BSD/GPL";

#define TCX_NEXT (-1)
/* Bytes the flow parser may need in the linear area. */
#define PULL_BYTES 256

const volatile __u32 snaplen = 262144;
const volatile __u8 filter_enabled = 0;
const volatile __u32 wakeup_bytes = 0;

/* Replaced by the XDP side's ring (same definition as capture.c). */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 24);
} ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xdpdump_stats);
} stats SEC(".maps");

XDPDUMP_SCRATCH_MAP(scratch);

FLOWS_MAP(flows);

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct xdpdump_stats);
} egress_flow_stats SEC(".maps");

static __always_inline void pull_headers(struct __sk_buff *skb)
{
	__u32 want = skb->len;

	if (want > PULL_BYTES)
		want = PULL_BYTES;
	if (skb->data_end - skb->data < want)
		bpf_skb_pull_data(skb, want);
}

static __always_inline void capture(struct __sk_buff *skb, struct xdpdump_stats *st, __u64 want)
{
	__u32 cpu = bpf_get_smp_processor_id();
	struct xdpdump_scratch *s = bpf_map_lookup_elem(&scratch, &cpu);
	__u64 len, cap;

	if (!s) {
		st->lost++;
		return;
	}
	len = skb->len;
	cap = xdpdump_cap_len(len, snaplen, want);
	if (cap < 1)
		return;
	if (bpf_skb_load_bytes(skb, 0, s->data, cap) < 0) {
		st->lost++;
		return;
	}
	s->hdr.orig_len = len;
	s->hdr.ifindex = skb->ifindex;
	s->hdr.rx_queue = skb->queue_mapping;
	s->hdr.hook = XDPDUMP_HOOK_TC_EGRESS;
	s->hdr.verdict = 0;
	xdpdump_emit(&ring, s, cap, st, cpu, wakeup_bytes);
}

SEC("tc")
int xdpdump_egress(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct xdpdump_stats *st = bpf_map_lookup_elem(&stats, &key);
	__u32 want = 0xffffffff;

	if (!st)
		return TCX_NEXT;
	st->seen++;
	if (filter_enabled) {
		want = xdpdump_filter(skb);
		if (!want)
			return TCX_NEXT;
	}
	st->matched++;
	capture(skb, st, want);
	return TCX_NEXT;
}

SEC("tc")
int xdpdump_flows_egress(struct __sk_buff *skb)
{
	__u32 key = 0;
	struct xdpdump_stats *st = bpf_map_lookup_elem(&egress_flow_stats, &key);
	struct xdpdump_flow_key k = {};

	if (!st)
		return TCX_NEXT;
	st->seen++;
	if (filter_enabled) {
		if (!xdpdump_filter(skb))
			return TCX_NEXT;
	}
	st->matched++;
	if (flow_parse((void *)(long)skb->data, (void *)(long)skb->data_end, &k)) {
		pull_headers(skb);
		__builtin_memset(&k, 0, sizeof(k));
		flow_parse((void *)(long)skb->data, (void *)(long)skb->data_end, &k);
	}
	k.ifindex = skb->ifindex;
	k.dir = XDPDUMP_DIR_EGRESS;
	flow_count(&flows, &k, skb->len, st);
	return TCX_NEXT;
}
