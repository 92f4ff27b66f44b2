package flows

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"
)

// Named is one interface's snapshot.
type Named struct {
	Name string
	Snapshot
}

// ShowOptions say how Show presents the flows.
type ShowOptions struct {
	Top   int   // rows, 0 = all (on a terminal: as many as fit)
	Order Order // ByBytes or ByPackets
	JSON  bool  // JSON lines instead of the table
	// Title of the table, given the interfaces' names.
	Title func(names string) string
	// Interval between frames; 0 = one second.
	Interval time.Duration
}

// Show reads the flows every interval and shows them on w until ctx ends,
// then once more at exit (the table with each flow's averages over its
// life; nothing more for JSON). On a terminal the table is a full-screen
// view (screen.go) that follows the window's size; anything else gets
// one table per interval, as plain lines.
func Show(ctx context.Context, w io.Writer, read func() ([]Named, error), o ShowOptions) error {
	if o.Interval <= 0 {
		o.Interval = time.Second
	}
	if o.Title == nil {
		o.Title = func(string) string { return "" }
	}
	views := map[string]*View{}
	names := map[int]string{}
	nameOf := func(i int) string {
		if n, ok := names[i]; ok {
			return n
		}
		return ifName(i)
	}
	var scr *screen
	winch := make(chan os.Signal, 1)
	if !o.JSON && IsTerminal(w) {
		scr = newScreen(w)
		defer scr.close()
		signal.Notify(winch, syscall.SIGWINCH)
		defer signal.Stop(winch)
	}
	var last []Rate
	var lastOpts TableOptions
	redraw := func() error {
		cols, rows := scr.size()
		o := lastOpts
		o.Width, o.Height = cols, rows
		return scr.draw(TableLines(last, o), cols, rows)
	}
	show := func(final bool) error {
		snaps, err := read()
		if err != nil {
			return err
		}
		var all []Rate
		var when time.Time
		var ns []string
		for _, s := range snaps {
			v := views[s.Name]
			if v == nil {
				v = &View{Table: TableOptions{IfName: nameOf}}
				views[s.Name] = v
			}
			for _, f := range s.Flows {
				names[f.Ifindex] = s.Name
			}
			ns = append(ns, s.Name)
			when = s.Time
			if o.JSON {
				if err := v.JSON(w, s.Snapshot); err != nil {
					return fmt.Errorf("writing stdout: %w", err)
				}
				continue
			}
			if final {
				all = append(all, Rates(nil, s.Snapshot)...)
			} else {
				all = append(all, Rates(v.prev, s.Snapshot)...)
				snap := s.Snapshot
				v.prev = &snap
			}
		}
		if o.JSON {
			return nil
		}
		sort.Strings(ns)
		last = all
		lastOpts = TableOptions{Top: o.Top, Order: o.Order, Title: o.Title(strings.Join(ns, ",")), Time: when, IfName: nameOf, NoClear: true}
		if final {
			lastOpts.Note = FinalNote
		}
		switch {
		case scr != nil && !final:
			err = redraw()
		case scr != nil:
			// The table at exit goes to the normal screen, fitted to it.
			scr.close()
			lastOpts.Width, _ = scr.size()
			err = RenderTable(w, all, lastOpts)
		default:
			err = RenderTable(w, all, lastOpts)
		}
		if err != nil {
			return fmt.Errorf("writing stdout: %w", err)
		}
		return nil
	}
	tick := time.NewTicker(o.Interval)
	defer tick.Stop()
	if scr != nil {
		// The header at once, the rates from the first interval on.
		if err := show(false); err != nil {
			return err
		}
	}
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
		case <-winch:
			if last != nil || lastOpts.Title != "" {
				if err := redraw(); err != nil {
					return fmt.Errorf("writing stdout: %w", err)
				}
			}
		}
	}
}
