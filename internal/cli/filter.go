// The expression as tcpdump takes it (the arguments joined, or -F's file
// without its # comments) and -d/-dd/-ddd/--dump-ebpf.

package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/offline"
)

// Expression joins the arguments as tcpdump does, or reads file (-F).
func Expression(args []string, file string) (string, error) {
	if file == "" {
		return strings.Join(args, " "), nil
	}
	if len(args) > 0 {
		return "", errors.New("an expression on the command line and -F together: use one")
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("can't open %s: %w", file, pathCause(err)) // tcpdump's words
	}
	// tcpdump ignores # comments in -F files.
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if i := strings.IndexByte(l, '#'); i >= 0 {
			l = l[:i]
		}
		lines = append(lines, l)
	}
	return strings.Join(strings.Fields(strings.Join(lines, " ")), " "), nil
}

// Dump says what -d prints.
type Dump struct {
	Expr       string
	Snaplen    int
	Level      int    // -d, -dd, -ddd
	EBPF       bool   // --dump-ebpf: the eBPF spliced into the XDP program
	DLT        int    // -y's
	DLTGiven   bool   // -y was given
	Read       string // -r's file: compiled for its link type
	Live       bool   // -i was given
	NoOptimize bool   // -O
}

// Print writes the program to stdout (and tcpdump's notes to stderr).
// tcpdump 4.99 on Linux looks no netmask up: `ip broadcast` compiles with
// netmask 0, with or without -i.
func (d Dump) Print(stdout, stderr io.Writer) error {
	if d.EBPF {
		insns, _, err := filter.CompileNetmask(d.Expr, d.Snaplen, filter.XDP, filter.LiveNetmask)
		if err != nil {
			return err
		}
		if insns == nil {
			_, err = fmt.Fprintln(stdout, "; empty expression: no filter, every packet matches")
			return err
		}
		_, err = fmt.Fprint(stdout, filter.DumpEBPF(insns))
		return err
	}
	// The DLT of -r's file, of -y, or Ethernet, as tcpdump -d picks it.
	co := filter.CompileOptions{DLT: d.DLT, Netmask: filter.LiveNetmask, NoOptimize: d.NoOptimize}
	if d.Read != "" {
		sf, closeIn, err := offline.OpenFile(d.Read, os.Stdin)
		if err != nil {
			return err
		}
		closeIn()
		co = sf.Compile(co)
		io.WriteString(stderr, sf.Banner())
	} else if !d.Live && !d.DLTGiven {
		fmt.Fprintln(stderr, "Warning: assuming Ethernet")
	}
	prog, err := filter.CompileCBPFOptions(d.Expr, d.Snaplen, co)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(stdout, filter.Dump(prog, d.Level))
	return err
}
