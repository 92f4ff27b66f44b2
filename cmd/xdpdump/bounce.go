// --bounce's flags (internal/cli checks them, internal/bounce answers).

package main

import (
	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/cli"
)

func addBounceFlags(fs *pflag.FlagSet, b *cli.Bounce) {
	fs.BoolVar(&b.On, "bounce", false, "answer every TCP SYN with a SYN-ACK at XDP (XDP_TX) and drop the handshake's last ACK")
	fs.StringVar(&b.Filter, "bounce-filter", "", "answer only the SYNs this pcap `EXPR` matches")
	fs.Uint64Var(&b.Rate, "bounce-rate", 0, "answer at most `N` SYNs per second (0 = unlimited)")
}

// capturing says whether packets are captured: always, except --bounce
// with neither -w nor an expression, which only answers and counts.
func capturing(o *options) bool {
	return !o.bf.On || o.write != "" || o.expr != ""
}
