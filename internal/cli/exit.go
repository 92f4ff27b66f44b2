// The capture point (--capture-at, --xdpcap-hook): the packet as the XDP
// program left it, with its verdict, besides or instead of the packet as
// it arrived; its flags checked against the rest of the command line.

package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xdpdump/xdpdump/internal/session"
)

// Exit are --capture-at ("", entry, exit, both) and --xdpcap-hook.
type Exit struct {
	At, Hook string
}

// Check validates the capture point (and sets At to its lower case, both
// for --xdpcap-hook alone) against -r (read), -Q's direction, --flows and
// whether packets are captured at all (not --bounce alone).
func (e *Exit) Check(read bool, direction string, flows, capturing bool) error {
	switch strings.ToLower(e.At) {
	case "":
		if e.Hook != "" {
			e.At = "both"
		}
	case "entry", "exit", "both":
		e.At = strings.ToLower(e.At)
	default:
		return fmt.Errorf("unknown capture point `%s': entry, exit or both", e.At)
	}
	if !e.Exiting() {
		if e.Hook != "" {
			return errors.New("--xdpcap-hook shows the verdicts at exit: it does not go with --capture-at entry")
		}
		return nil
	}
	switch {
	case read:
		return errors.New("--capture-at is a point of a live XDP program: it does not go with -r")
	case direction == "out":
		return errors.New("--capture-at exit is the exit of the XDP program: it does not go with -Q out")
	case flows:
		return errors.New("--flows counts without capturing: --capture-at does not go with it")
	case !capturing:
		return errors.New("--capture-at: --bounce without -w or an expression captures nothing")
	}
	return nil
}

// Exiting says whether the exit point is captured.
func (e Exit) Exiting() bool { return e.At == "exit" || e.At == "both" }

// Point is the session's exit point (nil: entry only).
func (e Exit) Point() *session.ExitPoint {
	if !e.Exiting() {
		return nil
	}
	return &session.ExitPoint{Entry: e.At == "both", Hook: e.Hook}
}
