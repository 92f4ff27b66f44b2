// Package extcap is xdpdump as a Wireshark extcap: with a link to the
// binary in Wireshark's extcap folder, every local interface appears in
// Wireshark's and tshark's interface list as an XDP capture ("eth0
// (XDP)"), with a configuration dialog (direction, snapshot length, ring
// size, capture point at the XDP program's exit, bounce) and a capture
// filter field that takes tcpdump
// expressions, checked by libpcap.
//
// Wireshark runs the extcap once per question (see extcap(4)):
//
//	--extcap-interfaces [--extcap-version=X]       the interface list
//	--extcap-dlts --extcap-interface I             the link type of I
//	--extcap-config --extcap-interface I           the dialog's arguments
//	--extcap-capture-filter F --extcap-interface I is F valid? (stdout: why not)
//	--capture --extcap-interface I --fifo P [--extcap-capture-filter F] [args]
//
// A capture is an ordinary internal/session run whose sink is a pcapng
// writer on the fifo. It ends when Wireshark stops it (SIGTERM, SIGINT,
// SIGHUP) or closes the fifo, and then leaves the interface exactly as
// xdpdump -i does on SIGINT: session.Run detaches from every hook, puts
// back what ran there, and writes the statistics block. Errors go to
// stderr as one line, which Wireshark shows ("Error by extcap pipe: ...");
// on success nothing is written there, since Wireshark treats any output
// on stderr as an error.
package extcap

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"

	"github.com/spf13/pflag"
)

// Prefix starts every interface value: "xdp:eth0". Linux interface names
// never hold a colon, so no value clashes with an interface that
// Wireshark's dumpcap lists itself.
const Prefix = "xdp:"

// Options are what Main needs from the command.
type Options struct {
	// Version is xdpdump's version, for extcap {version=...} and the
	// pcapng section header.
	Version        string
	Stdout, Stderr io.Writer
	// Interfaces lists the interfaces offered; nil is net.Interfaces.
	Interfaces func() ([]net.Interface, error)
}

// protocolFlags are the arguments Wireshark itself adds.
var protocolFlags = []string{
	"--extcap-interfaces", "--extcap-dlts", "--extcap-config", "--extcap-interface",
	"--extcap-version", "--extcap-capture-filter", "--capture", "--fifo",
}

// Invoked reports whether args are a call from Wireshark: some argument
// is one of the extcap protocol's flags.
func Invoked(args []string) bool {
	for _, a := range args {
		if !strings.HasPrefix(a, "--") {
			continue
		}
		name, _, _ := strings.Cut(a, "=")
		for _, f := range protocolFlags {
			if name == f {
				return true
			}
		}
	}
	return false
}

// request is one call from Wireshark.
type request struct {
	interfaces, dlts, config, capture bool
	wiresharkVersion                  string
	iface                             string // the extcap value, "xdp:eth0"
	fifo                              string
	filter                            string
	hasFilter                         bool
	cfg                               Config
}

func parse(args []string) (*request, error) {
	r := &request{}
	fs := pflag.NewFlagSet("xdpdump extcap", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	// A later Wireshark may pass arguments this one does not know; they
	// must not break the interface list.
	fs.ParseErrorsAllowlist.UnknownFlags = true
	fs.BoolVar(&r.interfaces, "extcap-interfaces", false, "list the interfaces")
	fs.StringVar(&r.wiresharkVersion, "extcap-version", "", "Wireshark's version")
	fs.BoolVar(&r.dlts, "extcap-dlts", false, "list the link types of --extcap-interface")
	fs.BoolVar(&r.config, "extcap-config", false, "list the configuration arguments")
	fs.StringVar(&r.iface, "extcap-interface", "", "the interface")
	fs.BoolVar(&r.capture, "capture", false, "capture into --fifo")
	fs.StringVar(&r.fifo, "fifo", "", "the fifo Wireshark reads")
	fs.StringVar(&r.filter, "extcap-capture-filter", "", "the capture filter (a tcpdump expression)")
	// Wireshark passes --extcap-version=X; its own extcaps take the flag
	// without a value too.
	fs.Lookup("extcap-version").NoOptDefVal = "unknown"
	r.cfg.addFlags(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	r.hasFilter = fs.Changed("extcap-capture-filter")
	return r, nil
}

// Main answers one call from Wireshark and returns the exit code.
func Main(args []string, o Options) int {
	if o.Interfaces == nil {
		o.Interfaces = net.Interfaces
	}
	r, err := parse(args)
	if err != nil {
		return fail(o.Stderr, err)
	}
	switch {
	case r.interfaces:
		err = writeInterfaces(o.Stdout, o)
	case r.capture:
		err = runCapture(r, o)
	case r.iface == "":
		err = errors.New("--extcap-interface is missing")
	case r.dlts:
		_, err = ifname(r.iface)
		if err == nil {
			writeDLTs(o.Stdout, r.iface)
		}
	case r.config:
		_, err = ifname(r.iface)
		if err == nil {
			writeConfig(o.Stdout)
		}
	case r.hasFilter:
		// Wireshark's filter check: nothing on stdout is valid, else the
		// first line says why not.
		if msg := checkFilter(r.filter, r.cfg.snaplen()); msg != "" {
			fmt.Fprintln(o.Stdout, msg)
		}
	default:
		err = errors.New("nothing to do: --extcap-interfaces, --extcap-dlts, --extcap-config or --capture")
	}
	switch {
	case errors.Is(err, errReported):
		return 1
	case err != nil:
		return fail(o.Stderr, err)
	}
	return 0
}

// fail prints err as one line.
func fail(w io.Writer, err error) int {
	msg := err.Error()
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	fmt.Fprintf(w, "xdpdump: %s\n", msg)
	return 1
}

// ifname is the interface an extcap value names.
func ifname(value string) (string, error) {
	name, ok := strings.CutPrefix(value, Prefix)
	if !ok || name == "" {
		return "", fmt.Errorf("%s: not an xdpdump interface (they are %sIFACE)", value, Prefix)
	}
	return name, nil
}

// writeInterfaces is the answer to --extcap-interfaces: the extcap's
// version, then one entry per local interface.
func writeInterfaces(w io.Writer, o Options) error {
	ifs, err := o.Interfaces()
	if err != nil {
		return fmt.Errorf("listing the interfaces: %w", err)
	}
	fmt.Fprintf(w, "extcap {version=%s}\n", sanitize(o.Version))
	for _, ifc := range ifs {
		fmt.Fprintf(w, "interface {value=%s%s}{display=%s (XDP)}\n", Prefix, sanitize(ifc.Name), sanitize(ifc.Name))
	}
	// xdpdump -i any: every interface that is up, and those that come up.
	fmt.Fprintf(w, "interface {value=%s%s}{display=%s (XDP, every interface that is up)}\n", Prefix, AnyName, AnyName)
	return nil
}

// AnyName is the interface name that captures on every interface, as
// with xdpdump -i any ("xdp:any").
const AnyName = "any"

// writeDLTs is the answer to --extcap-dlts: Ethernet, the only link type
// at the XDP hook.
func writeDLTs(w io.Writer, value string) {
	fmt.Fprintf(w, "dlt {number=1}{name=EN10MB}{display=Ethernet at the XDP hook of %s}\n", sanitize(strings.TrimPrefix(value, Prefix)))
}

// sanitize keeps a value from closing the protocol's {braces}.
func sanitize(s string) string {
	return strings.NewReplacer("{", "(", "}", ")", "\n", " ").Replace(s)
}
