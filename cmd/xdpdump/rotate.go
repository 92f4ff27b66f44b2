package main

import (
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"time"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/outfile"
	"github.com/xdpdump/xdpdump/internal/privs"
	"github.com/xdpdump/xdpdump/internal/rotate"
	"github.com/xdpdump/xdpdump/pcapout"
)

// fileFlags are tcpdump's output-file flags: rotation (-C -G -W -z) and
// privileges (-Z).
type fileFlags struct {
	size        string // -C, as given
	sizeBytes   int64
	seconds     int    // -G
	files       int    // -W
	post        string // -z
	user        string // -Z
	rotateEmpty bool
	set         map[string]bool // flags given on the command line
}

func addFileFlags(fs *pflag.FlagSet, ff *fileFlags) {
	*ff = fileFlags{}
	fs.StringVarP(&ff.size, "file-size", "C", "", "start a new -w file before it grows past `SIZE` millions of bytes (suffix k, m, g: KiB, MiB, GiB)")
	fs.IntVarP(&ff.seconds, "rotate-seconds", "G", 0, "start a new -w file every `SECONDS`, aligned to the clock; FILE is a strftime pattern")
	fs.IntVarP(&ff.files, "file-count", "W", 0, "with -C: a ring of `N` files; with -G alone: exit after N files")
	fs.StringVarP(&ff.post, "postrotate-command", "z", "", "run `CMD` FILE in the background for every finished -w file (e.g. gzip)")
	fs.BoolVar(&ff.rotateEmpty, "rotate-empty", false, "with -G: write a file for every interval, even one without packets")
	fs.StringVarP(&ff.user, "relinquish-privileges", "Z", "", "after attaching, switch to `USER` and its group; the -w files are created as USER")
}

// rotating reports whether -w is split into several files.
func (f *fileFlags) rotating() bool { return f.sizeBytes > 0 || f.seconds > 0 }

// parseFileSize reads -C: millions of bytes, or KiB/MiB/GiB with a k, m or
// g suffix (as tcpdump 5 does; 4.99 knows only plain numbers).
func parseFileSize(s string) (int64, error) {
	mult := int64(1000000)
	num := s
	if n := len(s); n > 0 {
		switch s[n-1] {
		case 'k', 'K':
			mult, num = 1<<10, s[:n-1]
		case 'm', 'M':
			mult, num = 1<<20, s[:n-1]
		case 'g', 'G':
			mult, num = 1<<30, s[:n-1]
		}
	}
	v, err := strconv.ParseInt(num, 10, 64)
	if err != nil || v <= 0 {
		return 0, usageError{fmt.Sprintf("invalid file size %s", s)}
	}
	if v > (1<<62)/mult {
		return 0, usageError{fmt.Sprintf("file size %s is too large", s)}
	}
	return v * mult, nil
}

// checkFileFlags validates the output-file flags against each other and
// against -w/-r/-i, with tcpdump's words where tcpdump has any.
func checkFileFlags(o *options, fs *pflag.FlagSet) error {
	o.ff.set = map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { o.ff.set[f.Name] = true })
	if o.read != "" && len(o.ifaces) > 0 {
		return usageError{"-r and -i together: read a file or capture, not both"}
	}
	if o.ff.set["file-size"] {
		n, err := parseFileSize(o.ff.size)
		if err != nil {
			return err
		}
		o.ff.sizeBytes = n
	}
	if o.ff.seconds < 0 {
		return usageError{fmt.Sprintf("invalid number of seconds %d", o.ff.seconds)}
	}
	if o.ff.set["file-count"] && o.ff.files <= 0 {
		return usageError{fmt.Sprintf("invalid number of output files %d", o.ff.files)}
	}
	rot := o.ff.rotating()
	switch {
	case rot && o.write == "":
		return usageError{"-C and -G split the -w file: give -w FILE"}
	case rot && o.write == "-":
		return usageError{"-C and -G cannot split the standard output (-w -): give -w FILE"}
	case o.ff.files > 0 && !rot:
		return usageError{"-W counts the files of -C or -G: give one of them"}
	case o.ff.post != "" && !rot:
		return usageError{"-z runs after each rotation: give -C or -G"}
	case o.ff.rotateEmpty && o.ff.seconds == 0:
		return usageError{"--rotate-empty needs -G"}
	}
	if o.ff.post != "" {
		if _, err := exec.LookPath(o.ff.post); err != nil {
			return usageError{fmt.Sprintf("-z %s: command not found", o.ff.post)}
		}
	}
	if o.ff.user != "" {
		if _, err := privs.Lookup(o.ff.user); err != nil {
			return err
		}
	}
	return nil
}

// rotateWarnings are the notes on legal but surprising combinations.
func rotateWarnings(o *options, stderr io.Writer) {
	if o.ff.seconds > 0 && o.ff.sizeBytes == 0 && !rotate.HasConversion(o.write) {
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
	id, err := privs.FileIdentity(o.ff.user)
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
		Pattern: o.write, Size: o.ff.sizeBytes, Interval: time.Duration(o.ff.seconds) * time.Second,
		Files: o.ff.files, Empty: o.ff.rotateEmpty, Format: format,
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
	if o.ff.post != "" {
		c.Post = rotate.NewPost(o.ff.post, stderr)
	}
	rw, err := rotate.New(c)
	if err != nil {
		return err
	}
	out.sink = rw
	return nil
}
