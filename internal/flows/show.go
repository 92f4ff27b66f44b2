package flows

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Named is one interface's snapshot.
type Named struct {
	Name string
	Snapshot
}

// ShowOptions say how Show presents the flows.
type ShowOptions struct {
	Top   int   // rows per interface, 0 = all
	Order Order // ByBytes or ByPackets
	JSON  bool  // JSON lines instead of the table
	// Title of an interface's table.
	Title func(name string) string
	// Interval between frames; 0 = one second.
	Interval time.Duration
}

// Show reads the flows every interval and shows them on w until ctx ends,
// then once more at exit (the table with each flow's averages over its
// life; nothing more for JSON).
func Show(ctx context.Context, w io.Writer, read func() ([]Named, error), o ShowOptions) error {
	if o.Interval <= 0 {
		o.Interval = time.Second
	}
	if o.Title == nil {
		o.Title = func(string) string { return "" }
	}
	views := map[string]*View{}
	show := func(final bool) error {
		snaps, err := read()
		if err != nil {
			return err
		}
		for _, s := range snaps {
			v := views[s.Name]
			if v == nil {
				v = &View{Table: TableOptions{Top: o.Top, Order: o.Order, NoClear: !IsTerminal(w), Title: o.Title(s.Name)}}
				views[s.Name] = v
			}
			switch {
			case o.JSON:
				err = v.JSON(w, s.Snapshot)
			case final:
				err = v.Final(w, s.Snapshot)
			default:
				err = v.Frame(w, s.Snapshot)
			}
			if err != nil {
				return fmt.Errorf("writing stdout: %w", err)
			}
		}
		return nil
	}
	tick := time.NewTicker(o.Interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			if o.JSON {
				return nil
			}
			return show(true)
		case <-tick.C:
			if err := show(false); err != nil {
				return err
			}
		}
	}
}
