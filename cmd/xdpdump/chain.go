// `xdpdump chain`: its flags (also walked by --completion); internal/cli
// changes and lists the chain.

package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/cli"
)

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
		return fail(stderr, err)
	}
	if *help {
		fmt.Fprintln(stdout, "Usage: xdpdump chain -i IFACE [--insert PROG.o[:SECTION] | --remove ID]")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return 0
	}
	if err := cli.Chain(stdout, cli.ChainOptions{Interface: *iface, Insert: *insert, Remove: *remove}); err != nil {
		return fail(stderr, err)
	}
	return 0
}
