package main

import (
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/bounce"
	"github.com/xdpdump/xdpdump/internal/session"
)

type bounceFlags struct {
	on     bool
	filter string
	rate   uint64
}

func addBounceFlags(fs *pflag.FlagSet, bf *bounceFlags) {
	fs.BoolVar(&bf.on, "bounce", false, "answer every TCP SYN with a SYN-ACK at XDP (XDP_TX) and drop the handshake's last ACK")
	fs.StringVar(&bf.filter, "bounce-filter", "", "answer only the SYNs this pcap `EXPR` matches")
	fs.Uint64Var(&bf.rate, "bounce-rate", 0, "answer at most `N` SYNs per second (0 = unlimited)")
}

// capturing says whether packets are captured: always, except --bounce
// with neither -w nor an expression, which only answers and counts.
func capturing(o *options) bool {
	return !o.bf.on || o.write != "" || o.expr != ""
}

func checkBounceFlags(o *options) error {
	if !o.bf.on && (o.bf.filter != "" || o.bf.rate != 0) {
		return usageError{"--bounce-filter and --bounce-rate go with --bounce"}
	}
	if o.bf.on && o.direction == "out" {
		return usageError{"--bounce answers at XDP, on ingress: it does not go with -Q out"}
	}
	if o.bf.rate > bounce.MaxRate {
		return usageError{fmt.Sprintf("--bounce-rate %d is more than %d", o.bf.rate, uint64(bounce.MaxRate))}
	}
	return nil
}

// printBounce prints the bounce counters of all interfaces.
func printBounce(w io.Writer, t session.Counters) {
	b := t.Bounce
	fmt.Fprintf(w, "%s answered with SYN-ACK\n", plural(b.Answered, "SYN"))
	fmt.Fprintf(w, "%s of bounced handshakes dropped (%d ACKs, %d RSTs, %d others)\n",
		plural(b.AcksDropped+b.RstsDropped+b.OthersDropped, "packet"), b.AcksDropped, b.RstsDropped, b.OthersDropped)
	fmt.Fprintf(w, "%s passed on down the chain\n", plural(b.Passed, "packet"))
	fmt.Fprintf(w, "%s not answered: over --bounce-rate\n", plural(b.RateLimited, "SYN"))
	fmt.Fprintf(w, "%s not answered: bad checksum, martian or broadcast address, or port 0\n", plural(b.Refused, "SYN"))
	if b.TXLost > 0 {
		fmt.Fprintf(w, "%s not recorded: ring buffer full\n", plural(b.TXLost, "SYN-ACK"))
	}
}

// bounceNotes are, with --bounce, the start-up lines that say where the
// answers cannot arrive (a veth whose peer runs no XDP program).
func bounceNotes(o *options, attached []session.Attached) string {
	if !o.bf.on {
		return ""
	}
	var b strings.Builder
	for _, a := range attached {
		if ni, err := net.InterfaceByName(a.Name); err == nil {
			if n := bounce.PeerNote(ni.Index); n != "" {
				fmt.Fprintf(&b, "xdpdump: %s: %s\n", a.Name, n)
			}
		}
	}
	return b.String()
}
