// --flows (count flows in the kernel instead of capturing): its flags,
// checked against the rest of the command line, and how it shows them.

package cli

import (
	"errors"
	"fmt"

	"github.com/xdpdump/xdpdump/internal/flows"
)

// Flows are --flows and its --flows-* flags.
type Flows struct {
	On, JSON bool
	Top      int
	Order    string // bytes or packets
}

// Check validates the flags; files says that -w or -r is given, bounce
// that --bounce is.
func (f Flows) Check(files, bounce bool) error {
	if !f.On {
		if f.JSON {
			return errors.New("--flows-json goes with --flows")
		}
		return nil
	}
	switch {
	case files:
		return errors.New("--flows counts instead of capturing: it does not go with -w or -r")
	case bounce:
		return errors.New("--flows and --bounce together: run them as two xdpdumps")
	case f.Order != "bytes" && f.Order != "packets":
		return fmt.Errorf("--flows-order %q: bytes or packets", f.Order)
	case f.Top < 0:
		return errors.New("--flows-top must be 0 or more")
	}
	return nil
}

// ShowOptions are how the flows of a capture of expr are shown.
func (f Flows) ShowOptions(expr string) flows.ShowOptions {
	so := flows.ShowOptions{Top: f.Top, Order: flows.ByBytes, JSON: f.JSON,
		Title: func(name string) string { return fmt.Sprintf("xdpdump --flows on %s %s", name, expr) }}
	if f.Order == "packets" {
		so.Order = flows.ByPackets
	}
	return so
}
