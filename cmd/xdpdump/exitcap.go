// The capture point flags (--capture-at, --xdpcap-hook): the packet as
// the XDP program left it, with its verdict, besides or instead of the
// packet as it arrived (internal/cli checks them).

package main

import (
	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/cli"
)

func addExitFlags(fs *pflag.FlagSet, e *cli.Exit) {
	fs.StringVar(&e.At, "capture-at", "", "capture the packet at `POINT` of the XDP program: entry (as it arrives, the default), exit (as the program left it, with its verdict) or both")
	fs.StringVar(&e.Hook, "xdpcap-hook", "", "the pinned xdpcap hook `PATH` the attached program returns through: its verdicts at exit (implies capturing at both points)")
}
