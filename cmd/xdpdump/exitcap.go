// The capture point flags (--capture-at, --xdpcap-hook): the packet as
// the XDP program left it, with its verdict, besides or instead of the
// packet as it arrived.

package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/internal/xdpcap"
)

type exitFlags struct {
	at   string // --capture-at: "", entry, exit, both
	hook string // --xdpcap-hook
}

func addExitFlags(fs *pflag.FlagSet, ef *exitFlags) {
	fs.StringVar(&ef.at, "capture-at", "", "capture the packet at `POINT` of the XDP program: entry (as it arrives, the default), exit (as the program left it, with its verdict) or both")
	fs.StringVar(&ef.hook, "xdpcap-hook", "", "the pinned xdpcap hook `PATH` the attached program returns through: its verdicts at exit (implies capturing at both points)")
}

// checkExitFlags validates the capture point against the other flags.
func checkExitFlags(o *options) error {
	ef := &o.ef
	switch strings.ToLower(ef.at) {
	case "":
		if ef.hook != "" {
			ef.at = "both"
		}
	case "entry", "exit", "both":
		ef.at = strings.ToLower(ef.at)
	default:
		return usageError{fmt.Sprintf("unknown capture point `%s': entry, exit or both", ef.at)}
	}
	if !exiting(o) {
		if ef.hook != "" {
			return usageError{"--xdpcap-hook shows the verdicts at exit: it does not go with --capture-at entry"}
		}
		return nil
	}
	switch {
	case o.read != "":
		return usageError{"--capture-at is a point of a live XDP program: it does not go with -r"}
	case o.direction == "out":
		return usageError{"--capture-at exit is the exit of the XDP program: it does not go with -Q out"}
	case o.flf.on:
		return usageError{"--flows counts without capturing: --capture-at does not go with it"}
	case !capturing(o):
		return usageError{"--capture-at: --bounce without -w or an expression captures nothing"}
	}
	return nil
}

// exiting says whether the exit point is captured.
func exiting(o *options) bool { return o.ef.at == "exit" || o.ef.at == "both" }

// exitPoint is the session's exit point (nil: entry only).
func exitPoint(o *options) *session.ExitPoint {
	if !exiting(o) {
		return nil
	}
	return &session.ExitPoint{Entry: o.ef.at == "both", Hook: o.ef.hook}
}

// printExit prints how many packets left the XDP program with each
// verdict.
func printExit(w io.Writer, o *options, t session.Counters) {
	if exiting(o) {
		fmt.Fprintln(w, t.Exit.Summary())
	}
}

// recoverAll is --recover: the slots of xdpcap hooks that dead xdpdumps
// left filled, then what they left on the interfaces.
func recoverAll(o *options, stdout, stderr io.Writer) int {
	if _, err := xdpcap.Recover(func(s string) { fmt.Fprintf(stderr, "xdpdump: %s\n", s) }); err != nil {
		return fail(stderr, chainError("xdpcap hooks", err))
	}
	return recoverIfaces(o.ifaces, stdout, stderr)
}
