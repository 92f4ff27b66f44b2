// -n, -N and -f: whether the printer prints names, as tcpdump 4.99.3 does
// without -n, and which.

package cli

import (
	"fmt"
	"io"

	"github.com/xdpdump/xdpdump/internal/printer"
	"github.com/xdpdump/xdpdump/internal/printer/sysnames"
)

// Names are tcpdump's -n (Numeric: how many), -N and -f.
type Names struct {
	Numeric  int
	NoDomain bool // -N
	Foreign  bool // -f
}

// Options are the printer's names for a capture on device ("" with -r),
// nil with -n. With -f the local network is libpcap's pcap_lookupnet of
// device, as tcpdump's; where that fails, tcpdump's warning goes to warn
// and every address is looked up.
func (n Names) Options(device string, warn io.Writer) *printer.NameOptions {
	if n.Numeric > 0 {
		return nil
	}
	o := &printer.NameOptions{Resolver: sysnames.Resolver{}, NoDomain: n.NoDomain}
	if n.Foreign && device != "" {
		net, mask, err := sysnames.LookupNet(device)
		if err != nil {
			fmt.Fprintf(warn, "xdpdump: WARNING: foreign (-f) flag used but: %v\n", err)
		} else {
			o.LocalNet, o.NetMask = net, mask
		}
	}
	return o
}
