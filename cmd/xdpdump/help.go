package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// checkDirection validates -Q as tcpdump does (case-insensitive).
func checkDirection(o *options) error {
	if o.direction == "" {
		return nil
	}
	d := strings.ToLower(o.direction)
	switch d {
	case "in", "out", "inout":
		o.direction = d
		return nil
	}
	return usageError{fmt.Sprintf("unknown capture direction `%s'", o.direction)}
}

// helpGroups order the flags of --help as tcpdump's manual groups them.
// A flag not named here (one added later) is listed under "Other".
var helpGroups = []struct {
	title string
	flags []string
}{
	{"Capture", []string{"interface", "direction", "capture-at", "xdpcap-hook", "snapshot-length", "count", "buffer-size", "ring-per-cpu", "list-interfaces", "read"}},
	{"Filter", []string{"filter-file", "dump", "dump-ebpf"}},
	{"Output file", []string{"write", "format", "packet-buffered", "file-size", "rotate-seconds", "file-count", "rotate-empty", "postrotate-command", "relinquish-privileges"}},
	{"Printing", []string{"numeric", "verbose", "link-header", "quiet", "hex", "hex-ascii", "ascii", "timestamp", "time-stamp-precision", "line-buffered", "number", "absolute-tcp-sequence-numbers"}},
	{"Chain (other XDP programs on the interface)", []string{"recover", "chain", "insert", "remove"}},
	{"Bounce (answer every TCP SYN with a SYN-ACK)", []string{"bounce", "bounce-filter", "bounce-rate"}},
	{"Flows (per-flow counters instead of packets)", []string{"flows", "flows-json", "flows-top", "flows-order"}},
	{"Information", []string{"version", "help"}},
}

// printHelp prints the usage with the flags in groups.
func printHelp(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprint(w, `Usage: xdpdump [options] -i IFACE [expression]
       xdpdump -r FILE [options] [expression]
       xdpdump chain -i IFACE [--insert PROG.o[:SECTION]] [--remove ID]

Capture packets at the XDP hook, before the kernel's stack, with tcpdump's
filter language; print them as tcpdump does or write pcapng (-w).
The expression is pcap-filter(7) syntax. See xdpdump(8) for details.
`)
	listed := map[string]bool{}
	for _, g := range helpGroups {
		sub := pflag.NewFlagSet(g.title, pflag.ContinueOnError)
		sub.SortFlags = false
		for _, name := range g.flags {
			if f := fs.Lookup(name); f != nil {
				sub.AddFlag(f)
				listed[name] = true
			}
		}
		if !sub.HasFlags() {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n%s", g.title, sub.FlagUsages())
	}
	other := pflag.NewFlagSet("other", pflag.ContinueOnError)
	other.SortFlags = false
	fs.VisitAll(func(f *pflag.Flag) {
		if !listed[f.Name] && !f.Hidden {
			other.AddFlag(f)
		}
	})
	if other.HasFlags() {
		fmt.Fprintf(w, "\nOther:\n%s", other.FlagUsages())
	}
	io.WriteString(w, `
Examples:
  xdpdump -i eth0 'tcp port 443'                  print packets as tcpdump -n does
  xdpdump -i eth0 -w out.pcapng                   write everything to a pcapng file
  xdpdump -i eth0 -U -w - | wireshark -k -i -     watch live in Wireshark
  xdpdump -i eth0 -G 3600 -w 'cap-%Y%m%d-%H.pcapng' -z gzip   hourly files, compressed
  xdpdump -r out.pcapng 'udp and port 53'         read a file back with a filter
`)
}
