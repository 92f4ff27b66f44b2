// The configuration dialog: the arguments Wireshark shows for an XDP
// interface (--extcap-config) and parses back into a capture's Config.
// Each argument's call is the xdpdump flag of the same meaning, so that
// the command line Wireshark runs reads like an xdpdump command line.

package extcap

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/bounce"
	"github.com/xdpdump/xdpdump/internal/session"
)

// DefaultRingKiB is the ring buffer's size in the dialog (xdpdump's -B
// default).
const DefaultRingKiB = 8192

// maxRingKiB bounds the dialog's ring size (1 GiB).
const maxRingKiB = 1 << 20

// Config is what the dialog sets for one capture.
type Config struct {
	Direction  string // --direction: in, out or inout
	Snaplen    int    // --snapshot-length (0 = 262144)
	RingKiB    int    // --buffer-size
	Bounce     bool   // --bounce
	BounceExpr string // --bounce-filter
	BounceRate uint64 // --bounce-rate
	CaptureAt  string // --capture-at: entry, exit or both
	XdpcapHook string // --xdpcap-hook
}

func (c *Config) addFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.Direction, "direction", "in", "in, out or inout")
	fs.IntVar(&c.Snaplen, "snapshot-length", filter.DefaultSnaplen, "bytes of each packet")
	fs.IntVar(&c.RingKiB, "buffer-size", DefaultRingKiB, "ring buffer KiB")
	fs.BoolVar(&c.Bounce, "bounce", false, "answer TCP SYNs")
	fs.StringVar(&c.BounceExpr, "bounce-filter", "", "only these SYNs")
	fs.Uint64Var(&c.BounceRate, "bounce-rate", 0, "answers per second")
	fs.StringVar(&c.CaptureAt, "capture-at", "entry", "entry, exit or both")
	fs.StringVar(&c.XdpcapHook, "xdpcap-hook", "", "pinned xdpcap hook")
}

func (c *Config) snaplen() int {
	if c.Snaplen <= 0 || c.Snaplen > filter.DefaultSnaplen {
		return filter.DefaultSnaplen
	}
	return c.Snaplen
}

// check refuses what xdpdump's own flags refuse, with the same words.
func (c *Config) check() error {
	switch d := strings.ToLower(c.Direction); d {
	case "", "in", "out", "inout":
		c.Direction = d
	default:
		return fmt.Errorf("unknown capture direction `%s'", c.Direction)
	}
	if c.Snaplen < 0 {
		return fmt.Errorf("invalid snapshot length %d", c.Snaplen)
	}
	if c.RingKiB < 0 || c.RingKiB > maxRingKiB {
		return fmt.Errorf("ring buffer size %d KiB: between 0 and %d", c.RingKiB, maxRingKiB)
	}
	if !c.Bounce && (c.BounceExpr != "" || c.BounceRate != 0) {
		return fmt.Errorf("--bounce-filter and --bounce-rate go with --bounce")
	}
	if c.Bounce && c.Direction == "out" {
		return fmt.Errorf("--bounce answers at XDP, on ingress: it does not go with -Q out")
	}
	if c.BounceRate > bounce.MaxRate {
		return fmt.Errorf("--bounce-rate %d is more than %d", c.BounceRate, uint64(bounce.MaxRate))
	}
	switch at := strings.ToLower(c.CaptureAt); at {
	case "":
		c.CaptureAt = "entry"
		if c.XdpcapHook != "" {
			c.CaptureAt = "both"
		}
	case "entry", "exit", "both":
		c.CaptureAt = at
	default:
		return fmt.Errorf("unknown capture point `%s': entry, exit or both", c.CaptureAt)
	}
	if c.CaptureAt == "entry" && c.XdpcapHook != "" {
		return fmt.Errorf("--xdpcap-hook shows the verdicts at exit: it does not go with --capture-at entry")
	}
	if c.CaptureAt != "entry" && c.Direction == "out" {
		return fmt.Errorf("--capture-at exit is the exit of the XDP program: it does not go with -Q out")
	}
	if c.Bounce && c.BounceExpr != "" {
		if msg := checkFilter(c.BounceExpr, c.snaplen()); msg != "" {
			return fmt.Errorf("--bounce-filter: %s", msg)
		}
	}
	return nil
}

// exit is the session's exit point (nil: entry only).
func (c *Config) exit() *session.ExitPoint {
	if c.CaptureAt != "exit" && c.CaptureAt != "both" {
		return nil
	}
	return &session.ExitPoint{Entry: c.CaptureAt == "both", Hook: c.XdpcapHook}
}

func (c *Config) direction() session.Direction {
	switch c.Direction {
	case "out":
		return session.Out
	case "inout":
		return session.InOut
	}
	return session.In
}

// checkFilter compiles expr as xdpdump -i does and returns libpcap's
// message when it is refused ("" when it compiles).
func checkFilter(expr string, snaplen int) string {
	if strings.TrimSpace(expr) == "" {
		return ""
	}
	if _, err := filter.CompileCBPFNetmask(expr, snaplen, filter.LiveNetmask); err != nil {
		return err.Error()
	}
	return ""
}

// writeConfig is the answer to --extcap-config: the dialog's arguments.
func writeConfig(w io.Writer) {
	args := []struct {
		call, display, tooltip, typ, extra, group string
		values                                    [][2]string // value, display; the first is the default
	}{
		{call: "--direction", display: "Direction", typ: "selector", group: "Capture",
			tooltip: "Packets arriving at the XDP hook, leaving through TC egress, or both (xdpdump -Q)",
			values:  [][2]string{{"in", "In: XDP ingress"}, {"out", "Out: TC egress"}, {"inout", "Both"}}},
		{call: "--snapshot-length", display: "Snapshot length", typ: "unsigned", group: "Capture",
			tooltip: "Capture at most this many bytes of each packet (xdpdump -s; 0 = 262144)",
			extra:   fmt.Sprintf("{range=0,%d}{default=%d}", filter.DefaultSnaplen, filter.DefaultSnaplen)},
		{call: "--buffer-size", display: "Ring buffer (KiB)", typ: "unsigned", group: "Capture",
			tooltip: "Size of the BPF ring buffer the packets cross, rounded up to a power of two (xdpdump -B)",
			extra:   fmt.Sprintf("{range=0,%d}{default=%d}", maxRingKiB, DefaultRingKiB)},
		{call: "--capture-at", display: "Capture point", typ: "selector", group: "Capture",
			tooltip: "The packet as it arrives at the XDP program, as the program left it (with its verdict), or both (xdpdump --capture-at)",
			values:  [][2]string{{"entry", "Entry: as it arrives"}, {"exit", "Exit: as the XDP program left it"}, {"both", "Both"}}},
		{call: "--xdpcap-hook", display: "xdpcap hook", typ: "string", group: "Capture",
			tooltip: "The pinned xdpcap hook the attached program returns through: its own verdicts at exit (xdpdump --xdpcap-hook)"},
		{call: "--bounce", display: "Bounce: answer every TCP SYN with a SYN-ACK", typ: "boolflag", group: "Bounce",
			tooltip: "Answer TCP SYNs at XDP (XDP_TX) and drop the handshake's last ACK (xdpdump --bounce)",
			extra:   "{default=false}"},
		{call: "--bounce-filter", display: "Bounce only the SYNs this expression matches", typ: "string", group: "Bounce",
			tooltip: "A tcpdump expression (xdpdump --bounce-filter)"},
		{call: "--bounce-rate", display: "Bounce at most this many SYNs per second", typ: "unsigned", group: "Bounce",
			tooltip: "0 = unlimited (xdpdump --bounce-rate)",
			extra:   fmt.Sprintf("{range=0,%d}{default=0}", uint64(bounce.MaxRate))},
	}
	for i, a := range args {
		fmt.Fprintf(w, "arg {number=%d}{call=%s}{display=%s}{tooltip=%s}{type=%s}%s{group=%s}\n",
			i, a.call, a.display, a.tooltip, a.typ, a.extra, a.group)
		for j, v := range a.values {
			fmt.Fprintf(w, "value {arg=%d}{value=%s}{display=%s}{default=%t}\n", i, v[0], v[1], j == 0)
		}
	}
}
