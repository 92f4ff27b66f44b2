// Command xdpdump captures packets at the XDP hook, before the kernel's
// stack, with tcpdump's filter language, and writes pcapng that Wireshark
// reads, or prints tcpdump's lines.
//
//	xdpdump -i eth0 'tcp port 80' -w out.pcapng
//	xdpdump -i eth0 -w - | wireshark -k -i -
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/cli"
)

// version is set by the Makefile (-X main.version=...).
var version = "dev"

// options are the parsed command line.
type options struct {
	ifaces      []string
	write       string
	read        string
	snaplen     int
	count       int
	unbuffered  bool
	filterFile  string
	nf          cli.Names // -n -N -f
	dump        int
	dumpEBPF    bool
	format      string
	bufferKiB   int
	listIfaces  bool
	recover     bool
	showVersion bool
	help        bool
	verbose     int
	expr        string
	direction   string // -Q: "in", "out", "inout"; "" when not given
	any         bool   // -i any

	bf  cli.Bounce // --bounce*
	cf  cli.Compat // the rest of tcpdump's options
	ff  cli.Files  // -C -G -W -z -Z
	flf cli.Flows  // --flows*
	ef  cli.Exit   // --capture-at, --xdpcap-hook
	pf  printFlags // how packets are printed
	rf  ringFlags  // --ring-per-cpu
}

func newFlags(o *options) *pflag.FlagSet {
	fs := pflag.NewFlagSet("xdpdump", pflag.ContinueOnError)
	fs.SortFlags = false
	fs.SetInterspersed(true)
	fs.StringSliceVarP(&o.ifaces, "interface", "i", nil, "capture on `IFACE` (repeat, or a,b, for several; any: every interface)")
	fs.StringVarP(&o.write, "write", "w", "", "write packets to `FILE` (- for stdout) instead of printing them")
	fs.StringVarP(&o.read, "read", "r", "", "read packets from `FILE` (pcap or pcapng, - for stdin)")
	fs.IntVarP(&o.snaplen, "snapshot-length", "s", filter.DefaultSnaplen, "capture at most `SNAPLEN` bytes of each packet (0 = 262144)")
	fs.IntVarP(&o.count, "max-packets", "c", 0, "exit after `N` packets")
	fs.BoolVarP(&o.unbuffered, "packet-buffered", "U", false, "write each packet out as soon as it is captured")
	fs.StringVarP(&o.filterFile, "filter-file", "F", "", "read the filter expression from `FILE`")
	addNameFlags(fs, &o.nf)
	fs.CountVarP(&o.verbose, "verbose", "v", "more detail (-v, -vv)")
	fs.CountVarP(&o.dump, "dump", "d", "print the classic BPF program as tcpdump -d (-dd, -ddd) and exit")
	fs.BoolVar(&o.dumpEBPF, "dump-ebpf", false, "print the eBPF filter that is spliced into the XDP program and exit")
	fs.StringVar(&o.format, "format", "pcapng", "file format for -w: `pcapng` or pcap (nanosecond pcap)")
	fs.IntVarP(&o.bufferKiB, "buffer-size", "B", 0, "ring buffer size in `KiB` (default 8192; rounded up to a power of two)")
	addRingFlags(fs, &o.rf)
	fs.BoolVarP(&o.listIfaces, "list-interfaces", "D", false, "list interfaces and the XDP programs attached to them")
	fs.BoolVar(&o.recover, "recover", false, "restore what an xdpdump that died left on -i IFACE, then exit")
	addPrintFlags(fs, &o.pf)
	addFileFlags(fs, &o.ff)
	fs.StringVarP(&o.direction, "direction", "Q", "", "capture packets of `DIR`: in (XDP ingress), out (TC egress) or inout")
	addBounceFlags(fs, &o.bf)
	addExitFlags(fs, &o.ef)
	addFlowFlags(fs, &o.flf)
	addCompatFlags(fs, &o.cf)
	fs.BoolVar(&o.showVersion, "version", false, "print the version and exit")
	fs.BoolVarP(&o.help, "help", "h", false, "print this help and exit")
	return fs
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is main without os.Exit, for tests: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	if code, ok := early(args, stdout, stderr); ok {
		return code
	}
	if len(args) > 0 && args[0] == "chain" {
		return chainCommand(args[1:], stdout, stderr)
	}
	var o options
	fs := newFlags(&o)
	cli.TcpdumpNumbers(fs)
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "xdpdump: %v\n", err)
		fmt.Fprintln(stderr, "Try 'xdpdump --help' for more information.")
		return 1
	}
	switch {
	case o.help:
		cli.Help(stdout, fs)
		return 0
	case o.showVersion:
		printVersion(stdout)
		return 0
	}
	if err := check(&o, fs, stderr); err != nil {
		return fail(stderr, err)
	}
	var err error
	switch {
	case o.dump > 0 || o.dumpEBPF:
		err = cli.Dump{Expr: o.expr, Snaplen: o.snaplen, Level: o.dump, EBPF: o.dumpEBPF, DLT: o.cf.DLT, DLTGiven: o.cf.Linktype != "",
			Read: o.read, Live: len(o.ifaces) > 0, NoOptimize: o.cf.NoOptimize}.Print(stdout, stderr)
	case o.listIfaces:
		err = cli.ListInterfaces(stdout)
	case o.cf.ListDLT || o.cf.ListTS:
		_, err = o.cf.Listings(o.ifaces, stderr)
	case o.recover:
		code := 0
		cli.RecoverAll(o.ifaces, stdout, stderr, func(err error) { code = fail(stderr, err) })
		return code
	case o.read != "" || o.cf.FileList != "":
		err = readFiles(&o, os.Stdin, stdout, stderr)
	default:
		err = live(&o, stdout, stderr)
	}
	if err != nil {
		return fail(stderr, err)
	}
	return 0
}

// check validates the command line in tcpdump's order, as internal/cli
// words it, and completes o: the numbers, the expression, -Q in lower
// case, the snapshot length.
func check(o *options, fs *pflag.FlagSet, stderr io.Writer) (err error) {
	if err := cli.ParseNumbers(fs, &o.snaplen, &o.count, &o.bufferKiB); err != nil {
		return err
	}
	if o.read == "" && !o.listIfaces && !o.recover {
		if err := cli.InterfacesUp(o.ifaces); err != nil {
			return err
		}
	}
	if o.expr, err = cli.Expression(fs.Args(), o.filterFile); err != nil {
		return err
	}
	if o.read != "" && len(o.ifaces) > 0 {
		return errors.New("-r and -i together: read a file or capture, not both")
	}
	if err := o.ff.Check(fs, o.write); err != nil {
		return err
	}
	if o.direction, err = cli.Direction(o.direction); err != nil {
		return err
	}
	if err := o.bf.Check(o.direction); err != nil {
		return err
	}
	if err := o.flf.Check(o.write != "" || o.read != "", o.bf.On); err != nil {
		return err
	}
	if err := o.cf.Check(fs, cli.Mode{Read: o.read != "", Dump: o.dump > 0, Live: len(o.ifaces) > 0}, stderr); err != nil {
		return err
	}
	if err := o.ef.Check(o.read != "", o.direction, o.flf.On, capturing(o)); err != nil {
		return err
	}
	if o.snaplen <= 0 || o.snaplen > filter.DefaultSnaplen {
		o.snaplen = filter.DefaultSnaplen
	}
	return nil
}

// fail prints err as one line and returns the exit code, 1 as tcpdump's.
func fail(stderr io.Writer, err error) int {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	fmt.Fprintf(stderr, "xdpdump: %s\n", msg)
	return 1
}
