package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/outfile"
	"github.com/xdpdump/xdpdump/internal/privs"
	"github.com/xdpdump/xdpdump/internal/rotate"
	"github.com/xdpdump/xdpdump/pcapout"
)

func addFileFlags(fs *pflag.FlagSet, f *cli.Files) {
	fs.StringVarP(&f.Size, "file-size", "C", "", "start a new -w file before it grows past `SIZE` millions of bytes (suffix k, m, g: KiB, MiB, GiB)")
	fs.IntVarP(&f.Seconds, "rotate-seconds", "G", 0, "start a new -w file every `SECONDS`, aligned to the clock; FILE is a strftime pattern")
	fs.IntVarP(&f.Count, "file-count", "W", 0, "with -C: a ring of `N` files; with -G alone: exit after N files")
	fs.StringVarP(&f.Post, "postrotate-command", "z", "", "run `CMD` FILE in the background for every finished -w file (e.g. gzip)")
	fs.BoolVar(&f.RotateEmpty, "rotate-empty", false, "with -G: write a file for every interval, even one without packets")
	fs.StringVarP(&f.User, "relinquish-privileges", "Z", "", "after attaching, switch to `USER` and its group; the -w files are created as USER")
}

// rotateWarnings are the notes on legal but surprising combinations.
func rotateWarnings(o *options, stderr io.Writer) {
	if o.ff.Seconds > 0 && o.ff.SizeBytes == 0 && !rotate.HasConversion(o.write) {
		fmt.Fprintf(stderr, "xdpdump: warning: -w %s has no strftime conversion (e.g. %%H%%M%%S): every -G interval overwrites the previous file\n", o.write)
	}
}

// rotateClock is what rotation follows: the wall clock for a live capture
// (files end on time in quiet periods), the packets' time stamps for -r
// (now nil, start the first packet's time, zero without packets).
type rotateClock struct {
	now   func() time.Time
	start time.Time
}

// openRotatingOutput is openOutput for -C/-G: the first file is created
// now (so a bad path fails before anything is attached); the files' end
// follows the wall clock, their statistics the interfaces' counters.
func openRotatingOutput(out *output, rot rotateClock, stderr io.Writer) error {
	o := out.o
	rotateWarnings(o, stderr)
	format, err := pcapout.ParseFormat(o.format)
	if err != nil {
		return usageError{err.Error()}
	}
	id, err := privs.FileIdentity(o.ff.User)
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
		Pattern: o.write, Size: o.ff.SizeBytes, Interval: time.Duration(o.ff.Seconds) * time.Second,
		Files: o.ff.Count, Empty: o.ff.RotateEmpty, Format: format,
		Options: pcapout.Options{App: "xdpdump " + version, PacketBuffered: o.unbuffered},
		Now:     rot.now, Start: rot.start, Stats: stats,
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
	if o.ff.Post != "" {
		c.Post = rotate.NewPost(o.ff.Post, stderr)
	}
	rw, err := rotate.New(c)
	if err != nil {
		return err
	}
	out.sink = rw
	return nil
}
