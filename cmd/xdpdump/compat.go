package main

// The rest of tcpdump 4.99.3's options (internal/cli checks them and says
// what is refused or ignored, and why).

import (
	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/cli"
)

func addCompatFlags(fs *pflag.FlagSet, c *cli.Compat) {
	fs.BoolVarP(&c.NoPromisc, "no-promiscuous-mode", "p", false, "do not put the interface into promiscuous mode")
	fs.StringVarP(&c.Linktype, "linktype", "y", "", "data link type `DLT`: EN10MB (what XDP sees); with -d any of libpcap's")
	fs.BoolVarP(&c.ListDLT, "list-data-link-types", "L", false, "list the data link types of -i IFACE and exit")
	fs.StringVarP(&c.TSType, "time-stamp-type", "j", "", "time stamp `TYPE`: host (the only one at XDP)")
	fs.BoolVarP(&c.ListTS, "list-time-stamp-types", "J", false, "list the time stamp types of -i IFACE and exit")
	fs.BoolVar(&c.Immediate, "immediate-mode", false, "hand each packet over as soon as it arrives")
	fs.BoolVarP(&c.NoCksum, "dont-verify-checksums", "K", false, "do not verify IP, TCP and UDP checksums (-v)")
	fs.BoolVar(&c.Print, "print", false, "print the packets as well when writing them with -w")
	fs.BoolVar(&c.CountOnly, "count", false, "print only the number of matching packets (with -r: on stdout)")
	fs.BoolVarP(&c.NoOptimize, "no-optimize", "O", false, "do not run libpcap's filter optimizer")
	fs.StringVarP(&c.PacketType, "packet-type", "T", "", "print UDP/TCP payloads as `TYPE` whatever their ports")
	fs.StringVarP(&c.FileList, "file-list", "V", "", "read the savefiles named in `FILE`, one a line (- for stdin)")
	fs.StringVarP(&c.MIB, "mib-module", "m", "", "tcpdump's SNMP MIB `MODULE` (ignored: no libsmi)")
	c.Precision = "micro"
	fs.Var(cli.Precision(&c.Precision, ""), "time-stamp-precision", "print time stamps with `PRECISION`: micro or nano")
	for _, p := range []string{"micro", "nano"} {
		fs.Var(cli.Precision(&c.Precision, p), p, "print time stamps in "+p+"seconds")
		fs.Lookup(p).NoOptDefVal = "true"
	}
	for _, list := range [][]cli.Option{cli.Refused, cli.Ignored} {
		for _, o := range list {
			if o.Arg {
				fs.StringP(o.Long, o.Short, "", o.Why)
			} else {
				fs.BoolP(o.Long, o.Short, false, o.Why)
			}
			fs.MarkHidden(o.Long)
		}
	}
}
