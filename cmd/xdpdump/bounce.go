package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/bounce"
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
