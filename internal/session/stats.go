package session

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/xdpdump/xdpdump/internal/bounce"
	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/pcapout"
)

// Counters are one interface's counters.
type Counters struct {
	Name    string
	XDP     stage.Stats  // the XDP capture stage
	Egress  stage.Stats  // the TC egress stage
	Bounce  bounce.Stats // the bounce stage
	Exit    ExitCounters // the exit point (--capture-at exit|both), by XDP action
	Written uint64       // packets handed to the sink, exit copies included

	// Accepted and Lost are what tcpdump's "received by filter" and
	// "dropped by kernel" count, over every point that records: the
	// entry (unless --capture-at exit, where the entry copy is not
	// kept), egress, the exit point and bounce's answers. So Written is
	// never more than Accepted, as with tcpdump.
	Accepted, Lost uint64
}

// snapshot reads the kernel's counters, keeping the last reading of each
// for when its maps are gone.
func (ifc *iface) snapshot() {
	ifc.mu.Lock()
	defer ifc.mu.Unlock()
	if ifc.capture != nil {
		if s, err := ifc.capture.Stats(); err == nil {
			ifc.lastXDP = s
		}
	}
	if ifc.egress != nil {
		if s, err := ifc.egress.Counters(); err == nil {
			ifc.lastEgress = s
		}
	}
	if ifc.bounce != nil {
		if s, err := ifc.bounce.Stats(); err == nil {
			ifc.lastBounce = s
		}
	}
}

func (ifc *iface) counters() Counters {
	ifc.snapshot()
	ifc.mu.Lock()
	defer ifc.mu.Unlock()
	return Counters{Name: ifc.Name, XDP: ifc.lastXDP, Egress: ifc.lastEgress, Bounce: ifc.lastBounce, Written: ifc.written}
}

// Counters reads every interface's counters; safe while Run runs.
func (s *Session) Counters() []Counters {
	var out []Counters
	for _, ifc := range s.ifaces() {
		c := ifc.counters()
		c.Exit = s.exitCounters(ifc)
		x := c.Exit.Total()
		c.Accepted = c.Egress.Matched + x.Matched + c.Bounce.TXRecorded + c.Bounce.TXLost
		c.Lost = c.XDP.Lost + c.Egress.Lost + x.Lost + c.Bounce.TXLost
		if s.cfg.Exit == nil || s.cfg.Exit.Entry {
			c.Accepted += c.XDP.Matched
		}
		out = append(out, c)
	}
	return out
}

// Total sums the counters of every interface.
func Total(cs []Counters) Counters {
	var t Counters
	for _, c := range cs {
		t.XDP = t.XDP.Add(c.XDP)
		t.Egress = t.Egress.Add(c.Egress)
		t.Exit = t.Exit.add(c.Exit)
		t.Written += c.Written
		t.Accepted += c.Accepted
		t.Lost += c.Lost
		b := c.Bounce
		t.Bounce.Answered += b.Answered
		t.Bounce.AcksDropped += b.AcksDropped
		t.Bounce.RstsDropped += b.RstsDropped
		t.Bounce.OthersDropped += b.OthersDropped
		t.Bounce.Passed += b.Passed
		t.Bounce.RateLimited += b.RateLimited
		t.Bounce.Refused += b.Refused
		t.Bounce.TXRecorded += b.TXRecorded
		t.Bounce.TXLost += b.TXLost
		t.Bounce.Dead += b.Dead
	}
	return t
}

// PcapStats are the cumulative counters of each interface, indexed like
// the sink's interfaces, for rotated files' statistics blocks
// (rotate.Config.Stats): XDP and egress together.
func (s *Session) PcapStats() []pcapout.Stats {
	var out []pcapout.Stats
	for _, ifc := range s.ifaces() {
		for len(out) <= ifc.sinkIdx {
			out = append(out, pcapout.Stats{Received: pcapout.NoValue, Dropped: pcapout.NoValue, FilterAccepted: pcapout.NoValue, OSDropped: pcapout.NoValue})
		}
		c := ifc.counters()
		st := c.XDP.Add(c.Egress)
		out[ifc.sinkIdx] = pcapout.Stats{Received: st.Seen, Dropped: pcapout.NoValue, FilterAccepted: st.Matched, OSDropped: st.Lost}
	}
	return s.exitPcapStats(out)
}

// permission explains a refusal for want of privileges in one line.
func permission(what string, err error) error {
	if errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EPERM) {
		return fmt.Errorf("%s: permission denied: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN)", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}
