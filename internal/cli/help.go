// --help: the flags in groups as tcpdump's manual orders them, each with
// its argument's name (none for flags that only count, like -v and -d).

package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// helpGroups order the flags of --help as tcpdump's manual groups them.
// A flag not named here (one added later) is listed under "Other".
var helpGroups = []struct {
	title string
	flags []string
}{
	{"Capture", []string{"interface", "direction", "capture-at", "xdpcap-hook", "no-promiscuous-mode", "snapshot-length", "max-packets", "count", "buffer-size", "ring-per-cpu", "immediate-mode", "list-interfaces", "list-data-link-types", "linktype", "time-stamp-type", "list-time-stamp-types", "read", "file-list"}},
	{"Filter", []string{"filter-file", "dump", "dump-ebpf", "no-optimize"}},
	{"Output file", []string{"write", "print", "format", "packet-buffered", "file-size", "rotate-seconds", "file-count", "rotate-empty", "postrotate-command", "relinquish-privileges"}},
	{"Printing", []string{"numeric", "no-domain", "foreign-numeric", "verbose", "link-header", "quiet", "hex", "hex-ascii", "ascii", "timestamp", "time-stamp-precision", "micro", "nano", "line-buffered", "number", "absolute-tcp-sequence-numbers", "bgp-asdot", "nfs-handles", "dont-verify-checksums", "packet-type", "mib-module"}},
	{"Chain (other XDP programs on the interface)", []string{"recover", "chain", "insert", "remove"}},
	{"Bounce (answer every TCP SYN with a SYN-ACK)", []string{"bounce", "bounce-filter", "bounce-rate"}},
	{"Flows (per-flow counters instead of packets)", []string{"flows", "flows-json", "flows-top", "flows-order"}},
	{"Information", []string{"version", "help"}},
}

// flagLine is one flag's line of --help: its names, its argument (none
// for bool and count flags) and its usage.
func flagLine(f *pflag.Flag) (head, usage string) {
	head = "      --" + f.Name
	if f.Shorthand != "" {
		head = fmt.Sprintf("  -%s, --%s", f.Shorthand, f.Name)
	}
	name, usage := pflag.UnquoteUsage(f)
	if t := f.Value.Type(); t == "count" || t == "bool" || f.NoOptDefVal != "" {
		name = ""
	}
	if name != "" {
		head += " " + name
	}
	if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" && f.DefValue != "[]" && f.Value.Type() != "count" && f.NoOptDefVal == "" {
		usage += fmt.Sprintf(" (default %s)", f.DefValue)
	}
	return head, usage
}

func writeFlags(w io.Writer, fs []*pflag.Flag) {
	width := 0
	for _, f := range fs {
		if h, _ := flagLine(f); len(h) > width {
			width = len(h)
		}
	}
	for _, f := range fs {
		h, u := flagLine(f)
		fmt.Fprintf(w, "%-*s   %s\n", width, h, u)
	}
}

// Help prints the usage of fs with its flags in groups.
func Help(w io.Writer, fs *pflag.FlagSet) {
	fmt.Fprint(w, `Usage: xdpdump [options] -i IFACE|any [expression]
       xdpdump -r FILE [options] [expression]
       xdpdump chain -i IFACE [--insert PROG.o[:SECTION]] [--remove ID]

Capture packets at the XDP hook, before the kernel's stack, with tcpdump's
filter language; print them as tcpdump does or write pcapng (-w).
The expression is pcap-filter(7) syntax. See xdpdump(8) for details.
`)
	listed := map[string]bool{}
	for _, g := range helpGroups {
		var in []*pflag.Flag
		for _, name := range g.flags {
			if f := fs.Lookup(name); f != nil && !f.Hidden {
				in = append(in, f)
				listed[name] = true
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", g.title)
		writeFlags(w, in)
	}
	var other []*pflag.Flag
	fs.VisitAll(func(f *pflag.Flag) {
		if !listed[f.Name] && !f.Hidden {
			other = append(other, f)
		}
	})
	if len(other) > 0 {
		fmt.Fprintf(w, "\nOther:\n")
		writeFlags(w, other)
	}
	var ign, ref []string
	for _, o := range Ignored {
		ign = append(ign, "-"+o.Short)
	}
	for _, o := range Refused {
		ref = append(ref, strings.Fields(o.Spelling())[0])
	}
	fmt.Fprintf(w, `
tcpdump's %s are accepted and change nothing here; %s cannot
apply at XDP and are refused (xdpdump(8) says why).

Examples:
  xdpdump -i eth0 'tcp port 443'                  print packets as tcpdump does
  xdpdump -i any icmp                             every interface, labelled as tcpdump -i any
  xdpdump -i eth0 -w out.pcapng                   write everything to a pcapng file
  xdpdump -i eth0 -U -w - | wireshark -k -i -     watch live in Wireshark
  xdpdump -i eth0 -G 3600 -w 'cap-%%Y%%m%%d-%%H.pcapng' -z gzip   hourly files, compressed
  xdpdump -r out.pcapng 'udp and port 53'         read a file back with a filter
`, strings.Join(ign, " "), strings.Join(ref, " "))
}
