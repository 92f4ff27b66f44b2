// -n, -N and -f: names or numbers (internal/cli.Names).

package main

import (
	"io"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/printer"
)

func addNameFlags(fs *pflag.FlagSet, n *cli.Names) {
	fs.CountVarP(&n.Numeric, "numeric", "n", "print addresses, ports and protocols as numbers (no name look-ups, which can block)")
	fs.BoolVarP(&n.NoDomain, "no-domain", "N", false, "print host names without their domain")
	fs.BoolVarP(&n.Foreign, "foreign-numeric", "f", false, "print IPv4 addresses outside the interface's network as numbers")
}

// namedPrinterOptions are printerOptions with -n/-N/-f's names; -f's
// local network is the first interface's.
func namedPrinterOptions(o *options, stderr io.Writer) printer.Options {
	po := printerOptions(o)
	dev := ""
	if len(o.ifaces) > 0 && o.read == "" && o.cf.FileList == "" {
		dev = o.ifaces[0]
	}
	po.Names = o.nf.Options(dev, stderr)
	return po
}
