// --bounce: its flags checked against -Q, the start-up notes on where
// the answers cannot arrive and its counters at exit.

package cli

import (
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/xdpdump/xdpdump/internal/bounce"
	"github.com/xdpdump/xdpdump/internal/session"
)

// Bounce are --bounce, --bounce-filter and --bounce-rate.
type Bounce struct {
	On     bool
	Filter string
	Rate   uint64
}

// Check validates the flags against -Q's direction.
func (b Bounce) Check(direction string) error {
	if !b.On && (b.Filter != "" || b.Rate != 0) {
		return errors.New("--bounce-filter and --bounce-rate go with --bounce")
	}
	if b.On && direction == "out" {
		return errors.New("--bounce answers at XDP, on ingress: it does not go with -Q out")
	}
	if b.Rate > bounce.MaxRate {
		return fmt.Errorf("--bounce-rate %d is more than %d", b.Rate, uint64(bounce.MaxRate))
	}
	return nil
}

// bounceNotes are the start-up lines that say where the answers cannot
// arrive (a veth whose peer runs no XDP program).
func bounceNotes(b *strings.Builder, attached []session.Attached) {
	for _, a := range attached {
		if ni, err := net.InterfaceByName(a.Name); err == nil {
			if n := bounce.PeerNote(ni.Index); n != "" {
				fmt.Fprintf(b, "xdpdump: %s: %s\n", a.Name, n)
			}
		}
	}
}

// bounceCounts are the bounce counters of all interfaces.
func bounceCounts(w *strings.Builder, b bounce.Stats) {
	fmt.Fprintf(w, "%s answered with SYN-ACK\n", Plural(b.Answered, "SYN"))
	fmt.Fprintf(w, "%s of bounced handshakes dropped (%d ACKs, %d RSTs, %d others)\n",
		Plural(b.AcksDropped+b.RstsDropped+b.OthersDropped, "packet"), b.AcksDropped, b.RstsDropped, b.OthersDropped)
	fmt.Fprintf(w, "%s passed on down the chain\n", Plural(b.Passed, "packet"))
	fmt.Fprintf(w, "%s not answered: over --bounce-rate\n", Plural(b.RateLimited, "SYN"))
	fmt.Fprintf(w, "%s not answered: bad checksum, martian or broadcast address, or port 0\n", Plural(b.Refused, "SYN"))
	if b.TXLost > 0 {
		fmt.Fprintf(w, "%s not recorded: ring buffer full\n", Plural(b.TXLost, "SYN-ACK"))
	}
}
