package main

import (
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"

	"github.com/cilium/ebpf"
	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/chain"
	"github.com/xdpdump/xdpdump/internal/cli"
)

// listInterfaces is tcpdump -D, with each interface's XDP program.
func listInterfaces(stdout, stderr io.Writer) int {
	if err := cli.ListInterfaces(stdout); err != nil {
		return fail(stderr, err)
	}
	return 0
}

// recoverIfaces restores what an xdpdump that died left on the interfaces.
func recoverIfaces(names []string, stdout, stderr io.Writer) int {
	if len(names) == 0 {
		return fail(stderr, usageError{"--recover needs -i IFACE"})
	}
	code := 0
	for _, name := range names {
		done, err := cli.Recover(name, func(s string) { fmt.Fprintf(stderr, "xdpdump: %s: %s\n", name, s) })
		if err != nil {
			code = fail(stderr, permissionOr(name, err))
		} else if !done {
			fmt.Fprintf(stdout, "%s: nothing to recover\n", name)
		}
	}
	return code
}

// newChainFlags are chain's flags (also walked by --completion).
func newChainFlags() (fs *pflag.FlagSet, iface, insert *string, remove *uint32, help *bool) {
	fs = pflag.NewFlagSet("xdpdump chain", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	iface = fs.StringP("interface", "i", "", "the interface whose XDP chain to show or change")
	insert = fs.String("insert", "", "put the XDP program PROG.o[:SECTION] into the chain, before the original program")
	remove = fs.Uint32("remove", 0, "take the stage with program ID out of the chain")
	help = fs.BoolP("help", "h", false, "print this help")
	return fs, iface, insert, remove, help
}

// chainCommand is `xdpdump chain -i IFACE [--insert PROG.o[:SECTION]] [--remove ID]`.
func chainCommand(args []string, stdout, stderr io.Writer) int {
	fs, iface, insert, remove, help := newChainFlags()
	if err := fs.Parse(args); err != nil {
		return fail(stderr, usageError{err.Error()})
	}
	if *help {
		fmt.Fprintln(stdout, "Usage: xdpdump chain -i IFACE [--insert PROG.o[:SECTION] | --remove ID]")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return 0
	}
	if *iface == "" {
		return fail(stderr, usageError{"chain needs -i IFACE"})
	}
	ni, err := net.InterfaceByName(*iface)
	if err != nil {
		return fail(stderr, fmt.Errorf("%s: No such device exists", *iface))
	}
	switch {
	case *insert != "" && *remove != 0:
		return fail(stderr, usageError{"--insert and --remove together: one at a time"})
	case *insert != "":
		obj, sec := *insert, ""
		if i := strings.LastIndexByte(obj, ':'); i > 0 {
			obj, sec = obj[:i], obj[i+1:]
		}
		slot, err := chain.Insert(ni.Index, obj, sec)
		if err != nil {
			// A stage that would end the chain is refused like any other
			// bad input: one line, exit 1, nothing changed.
			return fail(stderr, chainError(*iface, err))
		}
		fmt.Fprintf(stdout, "%s: %s inserted in slot %d\n", *iface, *insert, slot)
	case *remove != 0:
		if err := chain.Remove(ni.Index, ebpf.ProgramID(*remove)); err != nil {
			return fail(stderr, chainError(*iface, err))
		}
		fmt.Fprintf(stdout, "%s: prog %s removed from the chain\n", *iface, strconv.Itoa(int(*remove)))
	}
	stages, err := chain.Show(ni.Index)
	if err != nil {
		return fail(stderr, chainError(*iface, err))
	}
	if len(stages) == 0 {
		fmt.Fprintf(stdout, "%s: no XDP program attached\n", *iface)
		return 0
	}
	fmt.Fprintf(stdout, "%s: XDP chain, in the order packets run through it:\n", *iface)
	for i, s := range stages {
		fmt.Fprintf(stdout, "%2d. %s\n", i+1, s)
	}
	return 0
}
