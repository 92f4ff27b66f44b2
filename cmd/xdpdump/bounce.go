package main

import (
	"fmt"
	"io"

	"github.com/cilium/ebpf"
	"github.com/spf13/pflag"
	"github.com/xdpdump/xdpdump/internal/bounce"
	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/chain"
)

// bounceSlot is the chain slot of the bounce stage: capture → bounce →
// slot 0 (the program that was attached before, or pass).
const bounceSlot = 1

type bounceFlags struct {
	on     bool
	filter string
	rate   uint64
}

var bf bounceFlags

func addBounceFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&bf.on, "bounce", false, "answer every TCP SYN with a SYN-ACK at XDP (XDP_TX) and drop the handshake's last ACK")
	fs.StringVar(&bf.filter, "bounce-filter", "", "answer only the SYNs this pcap `EXPR` matches")
	fs.Uint64Var(&bf.rate, "bounce-rate", 0, "answer at most `N` SYNs per second (0 = unlimited)")
}

// capturing says whether packets are captured: always, except --bounce
// with neither -w nor an expression, which only answers and counts.
func capturing(o *options) bool {
	return !bf.on || o.write != "" || o.expr != ""
}

func checkBounceFlags(o *options) error {
	if !bf.on && (bf.filter != "" || bf.rate != 0) {
		return usageError{"--bounce-filter and --bounce-rate go with --bounce"}
	}
	if bf.on && o.direction == "out" {
		return usageError{"--bounce answers at XDP, on ingress: it does not go with -Q out"}
	}
	if bf.rate > bounce.MaxRate {
		return usageError{fmt.Sprintf("--bounce-rate %d is more than %d", bf.rate, uint64(bounce.MaxRate))}
	}
	return nil
}

// chainLayout tells the chain where loadStages puts the stages: with
// --bounce and capture, the front tail-calls the bounce stage in
// bounceSlot, which tail-calls slot 0 (the program that was attached).
func chainLayout(o *options) chain.Options {
	if bf.on && capturing(o) {
		return chain.Options{FrontNext: bounceSlot, Stages: map[uint32]uint32{bounceSlot: 0}}
	}
	return chain.Options{}
}

// loadStages loads what runs on ifc's hook against chainMap: the capture
// stage (unless only bouncing) and the bounce stage (with --bounce). It
// returns the program to attach in front.
func loadStages(o *options, ifc *iface, chainMap, ring *ebpf.Map, v chain.Variant, wakeup uint32) (*ebpf.Program, error) {
	ifc.closeStages()
	var next uint32
	if bf.on {
		b, err := bounce.Load(bounce.Config{
			Chain: chainMap, NextSlot: 0, Ring: ring, RecordTX: capturing(o),
			WakeupBytes: wakeup, Frags: v.Frags, AttachType: &v.AttachType, Filter: bf.filter, Rate: bf.rate,
		})
		if err != nil {
			return nil, fmt.Errorf("--bounce: %w", err)
		}
		ifc.bounce = b
		if !capturing(o) {
			return b.Program(), nil
		}
		if err := chainMap.Update(uint32(bounceSlot), b.Program(), ebpf.UpdateAny); err != nil {
			return nil, fmt.Errorf("--bounce: putting the stage into the chain: %w", err)
		}
		next = bounceSlot
	}
	st, err := capture.Load(capture.Config{
		Filter: o.expr, Snaplen: uint32(o.snaplen), Frags: v.Frags,
		Netmask: ifc.netmask, HasNetmask: true, AttachType: &v.AttachType,
		Chain: chainMap, NextSlot: next, Ring: ring, WakeupBytes: wakeup,
	})
	if err != nil {
		return nil, err
	}
	ifc.stage = st
	return st.Program(), nil
}

func (ifc *iface) closeStages() {
	if ifc.stage != nil {
		ifc.stage.Close()
		ifc.stage = nil
	}
	if ifc.bounce != nil {
		ifc.bounce.Close()
		ifc.bounce = nil
	}
}

// printBounce prints the bounce counters of all interfaces.
func printBounce(w io.Writer, ifs []*iface) {
	var t bounce.Stats
	for _, ifc := range ifs {
		if ifc.bounce == nil {
			continue
		}
		if s, err := ifc.bounce.Stats(); err == nil {
			ifc.lastBounce = s
		}
		s := ifc.lastBounce
		t.Answered += s.Answered
		t.AcksDropped += s.AcksDropped
		t.RstsDropped += s.RstsDropped
		t.OthersDropped += s.OthersDropped
		t.Passed += s.Passed
		t.RateLimited += s.RateLimited
		t.TXLost += s.TXLost
	}
	fmt.Fprintf(w, "%s answered with SYN-ACK\n", plural(t.Answered, "SYN"))
	fmt.Fprintf(w, "%s of bounced handshakes dropped (%d ACKs, %d RSTs, %d others)\n",
		plural(t.AcksDropped+t.RstsDropped+t.OthersDropped, "packet"), t.AcksDropped, t.RstsDropped, t.OthersDropped)
	fmt.Fprintf(w, "%s passed on down the chain\n", plural(t.Passed, "packet"))
	fmt.Fprintf(w, "%s not answered: over --bounce-rate\n", plural(t.RateLimited, "SYN"))
	if t.TXLost > 0 {
		fmt.Fprintf(w, "%s not recorded: ring buffer full\n", plural(t.TXLost, "SYN-ACK"))
	}
}
