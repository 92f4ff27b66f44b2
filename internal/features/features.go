// Package features probes the kernel for the BPF features xdpdump uses
// and reports what it found (xdpdump --version): tcx for TC egress,
// the BPF ring buffer for records, and multi-buffer (frags) XDP programs
// for jumbo frames.
//
// Every probe loads a tiny program or creates a tiny map and closes it
// at once; none attaches anything anywhere. Probing needs the privileges
// that loading BPF needs: without them a feature is reported as unknown,
// not as missing.
package features

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/features"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"
)

// State is what a probe found.
type State int

const (
	// Unknown: the probe could not tell (no privileges, or an error
	// that says nothing about the feature).
	Unknown State = iota
	// Missing: the kernel refused the feature.
	Missing
	// Present: the kernel has the feature.
	Present
)

func (s State) String() string {
	switch s {
	case Present:
		return "yes"
	case Missing:
		return "no"
	}
	return "unknown"
}

// Feature is one probed feature.
type Feature struct {
	Name  string // "tcx", "ringbuf", "frags"
	What  string // what xdpdump uses it for
	State State
	// Err is why the state is Unknown (nil otherwise).
	Err error
}

// Report is what Probe found.
type Report struct {
	Kernel   string // the running kernel's release (uname -r)
	Features []Feature
}

// Probe asks the running kernel for every feature.
func Probe() Report {
	r := Report{Kernel: kernelRelease()}
	r.Features = []Feature{
		probe("tcx", "TC egress (-Q out) through tcx links, else clsact", probeTCX),
		probe("ringbuf", "the BPF ring buffer that carries every record", probeRingbuf),
		probe("frags", "multi-buffer XDP (jumbo frames captured whole)", probeFrags),
	}
	return r
}

// String is one line: "kernel 6.18.44: tcx yes, ringbuf yes, frags yes".
func (r Report) String() string {
	parts := make([]string, 0, len(r.Features))
	for _, f := range r.Features {
		parts = append(parts, f.Name+" "+f.State.String())
	}
	s := fmt.Sprintf("kernel %s BPF features: %s", r.Kernel, strings.Join(parts, ", "))
	for _, f := range r.Features {
		if f.State == Unknown && f.Err != nil {
			if errors.Is(f.Err, unix.EPERM) || errors.Is(f.Err, unix.EACCES) {
				return s + " (probing needs root: CAP_BPF, CAP_NET_ADMIN)"
			}
		}
	}
	return s
}

// Lookup returns the feature called name.
func (r Report) Lookup(name string) (Feature, bool) {
	for _, f := range r.Features {
		if f.Name == name {
			return f, true
		}
	}
	return Feature{}, false
}

func probe(name, what string, fn func() (State, error)) Feature {
	st, err := fn()
	if st != Unknown {
		err = nil
	}
	return Feature{Name: name, What: what, State: st, Err: err}
}

// verdict maps a probe's error: nil is Present, ErrNotSupported Missing,
// anything else Unknown.
func verdict(err error) (State, error) {
	switch {
	case err == nil:
		return Present, nil
	case errors.Is(err, ebpf.ErrNotSupported):
		return Missing, nil
	}
	return Unknown, err
}

func probeRingbuf() (State, error) {
	return verdict(features.HaveMapType(ebpf.RingBuf))
}

// probeFrags loads an XDP program with BPF_F_XDP_HAS_FRAGS (Linux 5.18):
// kernels without multi-buffer XDP refuse the flag with EINVAL.
func probeFrags() (State, error) {
	p, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name: "xdpdump_frags", Type: ebpf.XDP, License: "Dual BSD/GPL",
		Flags:        unix.BPF_F_XDP_HAS_FRAGS,
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, 2), asm.Return()},
	})
	if err == nil {
		p.Close()
		return Present, nil
	}
	if errors.Is(err, unix.EINVAL) {
		return Missing, nil
	}
	return Unknown, err
}

// probeTCX creates a tcx link on an interface index that cannot exist:
// a kernel with tcx (Linux 6.6) answers ENODEV, one without refuses the
// attach type. Nothing is ever attached.
func probeTCX() (State, error) {
	p, err := ebpf.NewProgram(&ebpf.ProgramSpec{
		Name: "xdpdump_tcx", Type: ebpf.SchedCLS, License: "Dual BSD/GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, -1), asm.Return()},
	})
	if err != nil {
		return Unknown, err
	}
	defer p.Close()
	l, err := link.AttachTCX(link.TCXOptions{Interface: math.MaxInt32, Program: p, Attach: ebpf.AttachTCXEgress})
	switch {
	case err == nil:
		l.Close() // cannot happen: no such interface
		return Present, nil
	case errors.Is(err, unix.ENODEV):
		return Present, nil
	}
	return verdict(err)
}

func kernelRelease() string {
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		return strings.TrimSpace(string(b))
	}
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return "unknown"
	}
	return unix.ByteSliceToString(u.Release[:])
}
