// The variant probe, for prog arrays that are not a chain's: the hooks of
// programs instrumented for xdpcap (internal/xdpcap).

package chain

import "github.com/cilium/ebpf"

// ProbeVariant finds the variant (frags flag and expected attach type)
// whose programs the kernel lets share the prog array m: that of the
// programs already in it or loaded to tail-call through it (the kernel
// fixes it when the first of them comes). A prog array no program has
// used yet takes on the first probe's variant: check that it has an owner
// first.
func ProbeVariant(m *ebpf.Map) (Variant, error) { return probeMapVariant(m) }
