package stage

import (
	"fmt"

	"github.com/cilium/ebpf"
)

// Variant is how every stage of a chain must be loaded so that a prog
// array lets it share slots with the program it stands in front of: the
// kernel tail-calls only programs of the same type, expected attach type
// and xdp.frags flag as the first program put into the array.
type Variant struct {
	Frags      bool
	AttachType ebpf.AttachType
}

// Default is the variant of a chain in front of nothing: frags (so that
// jumbo MTUs keep working) and BPF_XDP, as libbpf loads SEC("xdp").
var Default = Variant{Frags: true, AttachType: ebpf.AttachXDP}

func (v Variant) String() string {
	s := "xdp"
	if v.Frags {
		s = "xdp.frags"
	}
	if v.AttachType != ebpf.AttachXDP {
		s += fmt.Sprintf(" (expected attach type %d)", uint32(v.AttachType))
	}
	return s
}

// Apply sets v on a program spec of an XDP stage.
func (v Variant) Apply(ps *ebpf.ProgramSpec) {
	ps.AttachType = v.AttachType
}
