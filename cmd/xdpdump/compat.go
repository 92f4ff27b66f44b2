package main

// The rest of tcpdump 4.99.3's options (internal/cli says what is refused
// or ignored, and why).

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/printer"
)

type compatFlags struct {
	noPromisc, listDLT, listTS, immediate, noCksum, print, countOnly, noOptimize bool
	linktype, tsType, packetType, fileList, mib                                  string
	dlt                                                                          int
}

// precision is --time-stamp-precision; --micro and --nano set it too
// (the last one given wins, as in tcpdump).
type precision struct {
	p   *string
	val string // fixed value of --micro/--nano; "" takes the argument
}

func (v precision) String() string { return *v.p }
func (v precision) Type() string {
	if v.val != "" {
		return "bool"
	}
	return "string"
}

func (v precision) Set(s string) error {
	if v.val != "" {
		s = v.val
	}
	*v.p = s
	return nil
}

func addCompatFlags(fs *pflag.FlagSet, c *compatFlags, pf *printFlags) {
	fs.BoolVarP(&c.noPromisc, "no-promiscuous-mode", "p", false, "do not put the interface into promiscuous mode")
	fs.StringVarP(&c.linktype, "linktype", "y", "", "data link type `DLT`: EN10MB (what XDP sees); with -d any of libpcap's")
	fs.BoolVarP(&c.listDLT, "list-data-link-types", "L", false, "list the data link types of -i IFACE and exit")
	fs.StringVarP(&c.tsType, "time-stamp-type", "j", "", "time stamp `TYPE`: host (the only one at XDP)")
	fs.BoolVarP(&c.listTS, "list-time-stamp-types", "J", false, "list the time stamp types of -i IFACE and exit")
	fs.BoolVar(&c.immediate, "immediate-mode", false, "hand each packet over as soon as it arrives")
	fs.BoolVarP(&c.noCksum, "dont-verify-checksums", "K", false, "do not verify IP, TCP and UDP checksums (-v)")
	fs.BoolVar(&c.print, "print", false, "print the packets as well when writing them with -w")
	fs.BoolVar(&c.countOnly, "count", false, "print only the number of matching packets (with -r: on stdout)")
	fs.BoolVarP(&c.noOptimize, "no-optimize", "O", false, "do not run libpcap's filter optimizer")
	fs.StringVarP(&c.packetType, "packet-type", "T", "", "print UDP/TCP payloads as `TYPE` whatever their ports")
	fs.StringVarP(&c.fileList, "file-list", "V", "", "read the savefiles named in `FILE`, one a line (- for stdin)")
	fs.StringVarP(&c.mib, "mib-module", "m", "", "tcpdump's SNMP MIB `MODULE` (ignored: no libsmi)")
	pf.precision = "micro"
	fs.Var(precision{p: &pf.precision}, "time-stamp-precision", "print time stamps with `PRECISION`: micro or nano")
	for _, p := range []string{"micro", "nano"} {
		fs.Var(precision{p: &pf.precision, val: p}, p, "print time stamps in "+p+"seconds")
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

// checkCompat refuses what cannot apply at XDP, checks values as tcpdump
// does, and prints tcpdump's warning for -m.
func checkCompat(o *options, fs *pflag.FlagSet, stderr io.Writer) error {
	var err error
	fs.Visit(func(f *pflag.Flag) {
		if r, ok := cli.Lookup(cli.Refused, f.Name); ok && err == nil {
			err = usageError{r.Refusal()}
		}
	})
	c := &o.cf
	switch {
	case err != nil:
		return err
	case fs.Changed("foreign-numeric") && (o.read != "" || c.fileList != ""):
		return usageError{"-f can not be used with -V or -r"}
	case c.fileList != "" && o.read != "":
		return usageError{"-V and -r are mutually exclusive."}
	case c.fileList != "" && len(o.ifaces) > 0:
		return usageError{"-V and -i together: read files or capture, not both"}
	case c.tsType != "":
		if err := cli.TimeStampType(c.tsType); err != nil {
			return usageError{err.Error()}
		}
	}
	// tcpdump compares only the prefix.
	switch p := o.pf.precision; {
	case strings.HasPrefix(p, "micro"):
		o.pf.precision = "micro"
	case strings.HasPrefix(p, "nano"):
		o.pf.precision = "nano"
	default:
		return usageError{"unsupported time stamp precision"}
	}
	c.dlt = filter.DLTEN10MB
	if c.linktype != "" {
		// tcpdump uses -y live and with -d, and ignores it with -r.
		if c.dlt, err = cli.LinkType(c.linktype, o.dump == 0 && o.read == "" && c.fileList == ""); err != nil {
			return usageError{err.Error()}
		}
	}
	if c.packetType != "" {
		t, known, decoded := printer.PacketType(c.packetType)
		switch {
		case !known:
			return usageError{fmt.Sprintf("unknown packet type `%s'", c.packetType)}
		case !decoded:
			return usageError{fmt.Sprintf("-T %s: xdpdump's printer does not decode %s (it decodes %s)", c.packetType, t, strings.Join(printer.DecodedPacketTypes(), ", "))}
		}
		c.packetType = t
	}
	if c.mib != "" {
		fmt.Fprintf(stderr, "xdpdump: ignoring option `-m %s' (no libsmi support)\n", c.mib)
	}
	return nil
}

// listings answers -L and -J for -i's interfaces (on stderr, as
// tcpdump); done says it did.
func listings(o *options, stdout io.Writer) (done bool, err error) {
	if !o.cf.listDLT && !o.cf.listTS {
		return false, nil
	}
	if len(o.ifaces) == 0 {
		return true, usageError{"-L and -J list what -i IFACE offers: give -i"}
	}
	for _, name := range o.ifaces {
		if name != "any" {
			if _, err := lookupInterface(name); err != nil {
				return true, err
			}
		}
		if o.cf.listDLT {
			io.WriteString(stdout, cli.LinkTypes(name))
		} else {
			io.WriteString(stdout, cli.TimeStampTypes(name))
		}
	}
	return true, nil
}

// fileList reads -V's list of savefiles.
func fileList(name string, stdin io.Reader) ([]string, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		msg := unwrapPathError(err).Error() // strerror's capital
		return nil, fmt.Errorf("Unable to open file: %s", strings.ToUpper(msg[:1])+msg[1:])
	}
	var files []string
	for _, l := range strings.Split(string(b), "\n") {
		if l != "" {
			files = append(files, l)
		}
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("Nothing in %s", name)
	}
	return files, nil
}
