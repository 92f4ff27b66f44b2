// What a live capture says and how it finds its interfaces, as tcpdump:
// -i by name, by its number in the -D list, or any; -D's list; the
// start-up lines; "Got N" (-v -w); the counts at exit and on SIGUSR1.

package cli

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/session"
)

// RequireRoot refuses a live capture to a user who cannot load BPF
// programs, before anything is touched.
func RequireRoot() error {
	if os.Geteuid() != 0 {
		return errors.New("you don't have permission to capture at XDP: loading BPF programs needs root (CAP_BPF, CAP_NET_ADMIN and CAP_PERFMON)")
	}
	return nil
}

// Interfaces looks -i's names up (tcpdump also takes the number in the -D
// list); any is -i any: the interfaces that are up (the session adds
// those that come up).
func Interfaces(names []string) (ifs []session.Interface, any bool, err error) {
	if len(names) == 0 {
		return nil, false, errors.New("no interface given: use -i IFACE (xdpdump -D lists them)")
	}
	all, _ := net.Interfaces()
	seen := map[string]bool{}
	for _, name := range names {
		if name == "any" || name == strconv.Itoa(len(all)+1) {
			if len(names) > 1 {
				return nil, false, errors.New("-i any captures on every interface: name no other")
			}
			ifs, _, err := session.UpInterfaces()
			return ifs, true, err
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		ni, err := net.InterfaceByName(name)
		if n, aerr := strconv.Atoi(name); err != nil && aerr == nil && n > 0 && n <= len(all) {
			ni, err = &all[n-1], nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("%s: No such device exists", name)
		}
		ifs = append(ifs, session.Interface{Name: ni.Name, Index: ni.Index})
	}
	return ifs, false, nil
}

// ListInterfaces is tcpdump -D, with each interface's XDP program, and
// any last.
func ListInterfaces(w io.Writer) error {
	ifs, err := chain.List()
	if err != nil {
		return err
	}
	for i, ifc := range ifs {
		var st []string
		for _, f := range []struct {
			flag net.Flags
			name string
		}{{net.FlagUp, "Up"}, {net.FlagRunning, "Running"}, {net.FlagLoopback, "Loopback"}} {
			if ifc.Flags&f.flag != 0 {
				st = append(st, f.name)
			}
		}
		xdp := "no XDP program"
		if ifc.Err != nil {
			xdp = hookUnreadable(ifc.Err)
		} else if x := ifc.XDP; x.ProgID != 0 {
			xdp = fmt.Sprintf("XDP prog %d %q tag %s, %s, %s, %s", x.ProgID, x.Name, x.Tag, x.Mode, x.Owner(), x.Frags)
			switch {
			case x.DevBound:
			case x.ProbeErr != nil:
				xdp += ", attach type not probed (" + firstLine(x.ProbeErr) + ")"
			default:
				xdp += ", attach type " + chain.AttachTypeName(x.AttachType)
			}
			if x.Xdpdump {
				xdp += ", xdpdump in front"
			}
			if x.DevBound {
				xdp += ", device-bound"
			}
		}
		fmt.Fprintf(w, "%d.%s [%s] %s\n", i+1, ifc.Name, strings.Join(st, ", "), xdp)
	}
	_, err = fmt.Fprintf(w, "%d.any (Pseudo-device that captures on all interfaces) [Up, Running]\n", len(ifs)+1)
	return err
}

func firstLine(err error) string {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// Hello says what the start-up lines say.
type Hello struct {
	Attached  []session.Attached
	Snaplen   int
	Capturing bool // false: --bounce alone
	Quiet     bool // no -v and no -w: tcpdump's "verbose output suppressed"
	Linktype  bool // -y was given
	Bounce    bool // --bounce: notes on where the answers cannot arrive
}

// String is the start-up lines, written at once (nobody reading stderr
// sees "listening on" without the lines that follow it).
func (h Hello) String() string {
	var b strings.Builder
	if h.Linktype {
		b.WriteString("xdpdump: data link type EN10MB\n")
	}
	if h.Quiet && h.Capturing {
		b.WriteString("xdpdump: verbose output suppressed, use -v[v]... for full protocol decode\n")
	}
	for _, a := range h.Attached {
		if h.Capturing {
			fmt.Fprintf(&b, "xdpdump: listening on %s, link-type EN10MB (Ethernet), snapshot length %d bytes\n", a.Name, h.Snaplen)
		} else {
			fmt.Fprintf(&b, "xdpdump: bouncing on %s: every TCP SYN is answered with a SYN-ACK (nothing captured: add -w or an expression)\n", a.Name)
		}
		if a.XDP != "" {
			fmt.Fprintf(&b, "xdpdump: %s: XDP %s\n", a.Name, a.XDP)
		}
		if a.Egress != "" {
			fmt.Fprintf(&b, "xdpdump: %s: TC egress through %s, after the programs already there\n", a.Name, a.Egress)
		}
	}
	if h.Bounce {
		bounceNotes(&b, h.Attached)
	}
	return b.String()
}

// Report says what the counters say at exit and on SIGUSR1.
type Report struct {
	Counters  []session.Counters // of every interface
	Capturing bool               // tcpdump's three lines (Counts): not --bounce alone
	Exit      bool               // the verdicts at the exit point (--capture-at exit, both)
	Bounce    bool               // --bounce's counters
}

// String is the report's lines, written at once.
func (r Report) String() string {
	t := session.Total(r.Counters)
	var b strings.Builder
	if r.Capturing {
		b.WriteString(Counts(t))
	}
	if r.Exit {
		fmt.Fprintln(&b, t.Exit.Summary())
	}
	if r.Bounce {
		bounceCounts(&b, t.Bounce)
	}
	return b.String()
}

// Counts are tcpdump's three lines at exit (and on SIGUSR1).
func Counts(t session.Counters) string {
	return fmt.Sprintf("%s captured\n%s received by filter\n%s dropped by kernel\n",
		Plural(t.Written, "packet"), Plural(t.Accepted, "packet"), Plural(t.Lost, "packet"))
}

// Plural is "1 packet", "2 packets".
func Plural(n uint64, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Progress prints tcpdump's "Got N" (with a carriage return, so a
// terminal shows one changing line) when the count changed.
func Progress(w io.Writer) func(uint64) {
	printed, last := false, uint64(0)
	return func(n uint64) {
		if printed && last == n {
			return
		}
		printed, last = true, n
		fmt.Fprintf(w, "Got %d\r", n)
	}
}

// Direction checks -Q as tcpdump does (case-insensitive) and returns it in
// lower case; "" stays "" (both directions).
func Direction(d string) (string, error) {
	switch l := strings.ToLower(d); l {
	case "", "in", "out", "inout":
		return l, nil
	}
	return "", fmt.Errorf("unknown capture direction `%s'", d)
}
