// The values of tcpdump's options that internal/cli checks (the flags
// themselves are cmd/xdpdump's), their checks, -L and -J, -V's list, and
// --time-stamp-precision with --micro and --nano.

package cli

import (
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/printer"
)

// Compat are tcpdump's options beyond capturing, printing and files.
type Compat struct {
	NoPromisc, ListDLT, ListTS, Immediate, NoCksum, Print, CountOnly, NoOptimize bool
	Linktype, TSType, PacketType, FileList, MIB                                  string
	Precision                                                                    string // micro or nano, once checked
	DLT                                                                          int    // of -y (EN10MB by default)
}

// Precision is --time-stamp-precision, or (fixed set) --micro or --nano:
// all three set *p, the last given wins, as in tcpdump.
func Precision(p *string, fixed string) pflag.Value { return precision{p, fixed} }

type precision struct {
	p   *string
	val string
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

// Mode is what the command line does besides these options.
type Mode struct {
	Read, Dump, Live bool // -r, -d, a capture (-i)
}

// Check refuses what cannot apply at XDP (fs's refused flags), checks the
// values as tcpdump does and writes tcpdump's warning for -m to warn.
func (c *Compat) Check(fs *pflag.FlagSet, m Mode, warn io.Writer) error {
	var err error
	fs.Visit(func(f *pflag.Flag) {
		if r, ok := Lookup(Refused, f.Name); ok && err == nil {
			err = errors.New(r.Refusal())
		}
	})
	switch {
	case err != nil:
		return err
	case fs.Changed("foreign-numeric") && (m.Read || c.FileList != ""):
		return errors.New("-f can not be used with -V or -r")
	case c.FileList != "" && m.Read:
		return errors.New("-V and -r are mutually exclusive.")
	case c.FileList != "" && m.Live:
		return errors.New("-V and -i together: read files or capture, not both")
	case c.TSType != "":
		if err := TimeStampType(c.TSType); err != nil {
			return err
		}
	}
	// tcpdump compares only the prefix.
	switch p := c.Precision; {
	case strings.HasPrefix(p, "micro"):
		c.Precision = "micro"
	case strings.HasPrefix(p, "nano"):
		c.Precision = "nano"
	default:
		return errors.New("unsupported time stamp precision")
	}
	c.DLT = filter.DLTEN10MB
	if c.Linktype != "" {
		// tcpdump uses -y live and with -d, and ignores it with -r.
		if c.DLT, err = LinkType(c.Linktype, !m.Dump && !m.Read && c.FileList == ""); err != nil {
			return err
		}
	}
	if c.PacketType != "" {
		t, known, decoded := printer.PacketType(c.PacketType)
		switch {
		case !known:
			return fmt.Errorf("unknown packet type `%s'", c.PacketType)
		case !decoded:
			return fmt.Errorf("-T %s: xdpdump's printer does not decode %s (it decodes %s)", c.PacketType, t, strings.Join(printer.DecodedPacketTypes(), ", "))
		}
		c.PacketType = t
	}
	if c.MIB != "" {
		fmt.Fprintf(warn, "xdpdump: ignoring option `-m %s' (no libsmi support)\n", c.MIB)
	}
	return nil
}

// Listings answers -L and -J for the interfaces (names or -D numbers, or
// any) on w, as tcpdump does on stderr; done says it was asked.
func (c *Compat) Listings(ifaces []string, w io.Writer) (done bool, err error) {
	if !c.ListDLT && !c.ListTS {
		return false, nil
	}
	if len(ifaces) == 0 {
		return true, errors.New("-L and -J list what -i IFACE offers: give -i")
	}
	for _, name := range ifaces {
		if _, err := net.InterfaceByName(name); err != nil && name != "any" {
			if n, aerr := strconv.Atoi(name); aerr != nil || n <= 0 {
				return true, fmt.Errorf("%s: No such device exists", name)
			}
		}
		if c.ListDLT {
			io.WriteString(w, LinkTypes(name))
		} else {
			io.WriteString(w, TimeStampTypes(name))
		}
	}
	return true, nil
}

// FileList reads -V's list of savefiles (- reads stdin).
func FileList(name string, stdin io.Reader) ([]string, error) {
	var b []byte
	var err error
	if name == "-" {
		b, err = io.ReadAll(stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		msg := err.Error() // with strerror's capital, as tcpdump's
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
