// The -w files of -C and -G (internal/rotate): every one opened as -Z's
// user through internal/outfile, the first one at once, so that a bad
// path fails before anything is attached.

package output

import (
	"fmt"

	"github.com/xdpdump/xdpdump/internal/outfile"
	"github.com/xdpdump/xdpdump/internal/privs"
	"github.com/xdpdump/xdpdump/internal/rotate"
	"github.com/xdpdump/xdpdump/pcapout"
)

// openRotating opens the first rotated file; the files' end follows the
// clock of Options, their statistics the counters of SetStats.
func (out *Output) openRotating() error {
	o := out.o
	if o.Rotate.Interval > 0 && o.Rotate.Size == 0 && !rotate.HasConversion(o.Name) {
		fmt.Fprintf(o.Stderr, "xdpdump: warning: -w %s has no strftime conversion (e.g. %%H%%M%%S): every -G interval overwrites the previous file\n", o.Name)
	}
	format, err := pcapout.ParseFormat(o.Format)
	if err != nil {
		return err
	}
	id, err := privs.FileIdentity(o.User)
	if err != nil {
		return err
	}
	stats := func() []pcapout.Stats {
		if out.stats == nil {
			return nil
		}
		return out.stats()
	}
	c := rotate.Config{
		Pattern: o.Name, Size: o.Rotate.Size, Interval: o.Rotate.Interval,
		Files: o.Rotate.Files, Empty: o.Rotate.Empty, Format: format,
		Options: pcapout.Options{App: o.App, PacketBuffered: o.PacketBuffered},
		Now:     o.Now, Start: o.Start, Stats: stats,
		// Every file is opened as -Z's user (before the switch on a
		// thread of that identity, after it by any thread), never
		// following a link at its name: see internal/outfile.
		Create: func(name string) (rotate.File, error) {
			f, err := outfile.Open(name, outfile.Options{Identity: id, Truncate: true})
			if err != nil {
				return nil, err
			}
			return f, nil
		},
	}
	if o.Rotate.Post != "" {
		c.Post = rotate.NewPost(o.Rotate.Post, o.Stderr)
	}
	rw, err := rotate.New(c)
	if err != nil {
		return err
	}
	out.sink = rw
	return nil
}
