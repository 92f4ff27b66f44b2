// The link types -r reads besides Ethernet (what tcpdump -i any writes,
// raw IP, BSD loopback) and how tcpdump names them on its "reading from
// file" line.

package offline

import (
	"fmt"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/printer"
)

// readable reports whether xdpdump filters and prints packets of DLT dlt.
func readable(dlt int) bool {
	_, ok := printer.LinkTypeOfDLT(dlt)
	return ok
}

// Name is the file's name as given.
func (sf *Savefile) Name() string { return sf.name }

// DLT is libpcap's DLT of the file's packets: what the expression is
// compiled for (filter.CompileOptions.DLT).
func (sf *Savefile) DLT() int { return sf.dlt }

// Compile is how the expression is compiled for the file's packets: as
// tcpdump does for a savefile of its link type and byte order.
func (sf *Savefile) Compile(o filter.CompileOptions) filter.CompileOptions {
	o.Savefile, o.DLT, o.LinkType, o.Swapped = true, sf.dlt, sf.linktype, sf.swapped
	return o
}

// LinkType is the printer's link type of the file's packets.
func (sf *Savefile) LinkType() printer.LinkType {
	lt, _ := printer.LinkTypeOfDLT(sf.dlt)
	return lt
}

// linkTypeName is "NAME (description)" as tcpdump prints a link type, or
// the number when libpcap has no name for it.
func linkTypeName(dlt int) string {
	if n := filter.DLTName(dlt); n != "" {
		return fmt.Sprintf("%s (%s)", n, filter.DLTDescription(dlt))
	}
	return fmt.Sprint(dlt)
}

// Banner is what tcpdump prints on standard error when it opens the file
// ("reading from file F, link-type T, snapshot length N", and for cooked
// v2 files its warning that the interface names are this host's).
func (sf *Savefile) Banner() string {
	s := fmt.Sprintf("reading from file %s, link-type %s, snapshot length %d\n", sf.name, linkTypeName(sf.dlt), sf.snaplen)
	if sf.dlt == filter.DLTLinuxSLL2 {
		s += "Warning: interface names might be incorrect\n"
	}
	return s
}
