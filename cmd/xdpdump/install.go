// The entry points that are not tcpdump's command line: Wireshark's
// extcap calls (internal/extcap), --completion SHELL (internal/completion,
// from the real flags) and --version (internal/buildinfo).

package main

import (
	"io"
	"strings"

	"github.com/xdpdump/xdpdump/internal/buildinfo"
	"github.com/xdpdump/xdpdump/internal/completion"
	"github.com/xdpdump/xdpdump/internal/extcap"
)

// early answers Wireshark's extcap calls and --completion; ok is false
// for every other command line.
func early(args []string, stdout, stderr io.Writer) (code int, ok bool) {
	if extcap.Invoked(args) {
		return extcap.Main(args, extcap.Options{Version: buildinfo.Resolve(version), Stdout: stdout, Stderr: stderr}), true
	}
	if len(args) == 0 || (args[0] != "--completion" && !strings.HasPrefix(args[0], "--completion=")) {
		return 0, false
	}
	shell, _ := strings.CutPrefix(args[0], "--completion=")
	if args[0] == "--completion" && len(args) > 1 {
		shell = args[1]
	}
	chain, _, _, _, _ := newChainFlags()
	cmd := completion.Command{
		Name: "xdpdump", Flags: newFlags(&options{}), Values: completion.Xdpdump,
		Subcommands: []completion.Command{{Name: "chain", Flags: chain, Values: completion.Xdpdump}},
	}
	if err := completion.Write(stdout, shell, cmd); err != nil {
		return fail(stderr, usageError{err.Error()}), true
	}
	return 0, true
}

// printVersion is --version.
func printVersion(w io.Writer) { buildinfo.Write(w, version) }
