package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/pflag"
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

var ff fileFlags

func addFileFlags(fs *pflag.FlagSet) {
	ff = fileFlags{}
	fs.StringVarP(&ff.size, "file-size", "C", "", "start a new -w file before it grows past `SIZE` millions of bytes (suffix k, m, g: KiB, MiB, GiB)")
	fs.IntVarP(&ff.seconds, "rotate-seconds", "G", 0, "start a new -w file every `SECONDS`, aligned to the clock; FILE is a strftime pattern")
	fs.IntVarP(&ff.files, "file-count", "W", 0, "with -C: a ring of `N` files; with -G alone: exit after N files")
	fs.StringVarP(&ff.post, "postrotate-command", "z", "", "run `CMD` FILE in the background for every finished -w file (e.g. gzip)")
	fs.BoolVar(&ff.rotateEmpty, "rotate-empty", false, "with -G: write a file for every interval, even one without packets")
	fs.StringVarP(&ff.user, "relinquish-privileges", "Z", "", "after attaching and opening the files, switch to `USER` and its group")
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
	ff.set = map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { ff.set[f.Name] = true })
	if o.read != "" && len(o.ifaces) > 0 {
		return usageError{"-r and -i together: read a file or capture, not both"}
	}
	if ff.set["file-size"] {
		n, err := parseFileSize(ff.size)
		if err != nil {
			return err
		}
		ff.sizeBytes = n
	}
	if ff.seconds < 0 {
		return usageError{fmt.Sprintf("invalid number of seconds %d", ff.seconds)}
	}
	if ff.set["file-count"] && ff.files <= 0 {
		return usageError{fmt.Sprintf("invalid number of output files %d", ff.files)}
	}
	rot := ff.rotating()
	switch {
	case rot && o.write == "":
		return usageError{"-C and -G split the -w file: give -w FILE"}
	case rot && o.write == "-":
		return usageError{"-C and -G cannot split the standard output (-w -): give -w FILE"}
	case ff.files > 0 && !rot:
		return usageError{"-W counts the files of -C or -G: give one of them"}
	case ff.post != "" && !rot:
		return usageError{"-z runs after each rotation: give -C or -G"}
	case ff.rotateEmpty && ff.seconds == 0:
		return usageError{"--rotate-empty needs -G"}
	}
	if ff.post != "" {
		if _, err := exec.LookPath(ff.post); err != nil {
			return usageError{fmt.Sprintf("-z %s: command not found", ff.post)}
		}
	}
	if ff.user != "" {
		if _, err := lookupUser(ff.user); err != nil {
			return err
		}
	}
	return nil
}

// rotateWarnings are the notes on legal but surprising combinations.
func rotateWarnings(o *options, stderr io.Writer) {
	if ff.seconds > 0 && ff.sizeBytes == 0 && !rotate.HasConversion(o.write) {
		fmt.Fprintf(stderr, "xdpdump: warning: -w %s has no strftime conversion (e.g. %%H%%M%%S): every -G interval overwrites the previous file\n", o.write)
	}
}

// packetWriter is what the capture writes to: one pcapout.Writer or a
// rotate.Writer.
type packetWriter interface {
	AddInterface(pcapout.Interface) (int, error)
	WritePacket(*pcapout.Packet) error
	WriteStats(int, pcapout.Stats) error
	Flush() error
	Close() error
}

// postRotate runs -z CMD FILE for finished files, in the background at
// the lowest priority, as tcpdump does; Wait waits for them (xdpdump
// exits only when every command is done).
type postRotate struct {
	cmd    string
	stderr io.Writer
	wg     sync.WaitGroup
}

func (p *postRotate) run(name string) {
	c := exec.Command(p.cmd, name)
	c.Stdout, c.Stderr = p.stderr, p.stderr
	if err := c.Start(); err != nil {
		fmt.Fprintf(p.stderr, "xdpdump: -z %s %s: %v\n", p.cmd, name, err)
		return
	}
	syscall.Setpriority(syscall.PRIO_PROCESS, c.Process.Pid, 19)
	p.wg.Add(1)
	go func() {
		defer p.wg.Done()
		if err := c.Wait(); err != nil {
			fmt.Fprintf(p.stderr, "xdpdump: -z %s %s: %v\n", p.cmd, name, err)
		}
	}()
}

// openRotating starts the rotated -w files. start names the first file
// (zero: now); live capture passes a clock so that files end on time in
// quiet periods, -r passes nil and follows the packets' time stamps.
func openRotating(o *options, format pcapout.Format, popts pcapout.Options, now func() time.Time, start time.Time,
	stats func() []pcapout.Stats, stderr io.Writer) (*rotate.Writer, *postRotate, error) {
	c := rotate.Config{
		Pattern: o.write, Size: ff.sizeBytes, Interval: time.Duration(ff.seconds) * time.Second,
		Files: ff.files, Empty: ff.rotateEmpty, Format: format, Options: popts,
		Now: now, Start: start, Stats: stats,
		Create: func(name string) (*os.File, error) {
			// After -Z, files are created on the thread that kept
			// CAP_DAC_OVERRIDE, so a root-only directory still works.
			var f *os.File
			err := privileged(func() error {
				var err error
				f, err = os.Create(name)
				return err
			})
			return f, err
		},
	}
	var pr *postRotate
	if ff.post != "" {
		pr = &postRotate{cmd: ff.post, stderr: stderr}
		c.Closed = pr.run
	}
	w, err := rotate.New(c)
	if err != nil {
		return nil, nil, err
	}
	return w, pr, nil
}

// limitReached turns the end of -G -W's files into a clean stop.
func limitReached(err error, stderr io.Writer) bool {
	if errors.Is(err, rotate.ErrLimit) {
		fmt.Fprintf(stderr, "Maximum file limit reached: %d\n", ff.files)
		return true
	}
	return false
}

// progressDue is set once a second while -v -w captures: the loop then
// prints tcpdump's "Got N" (with a carriage return, so a terminal shows
// one changing line).
var progressDue atomic.Bool

func startProgress() func() {
	stop := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				progressDue.Store(true)
			case <-stop:
				return
			}
		}
	}()
	return func() { close(stop) }
}

var progressPrev struct {
	printed bool
	n       uint64
}

// printProgress prints "Got N\r" when the count changed (or first).
func printProgress(stderr io.Writer, n uint64) {
	progressDue.Store(false)
	if progressPrev.printed && progressPrev.n == n {
		return
	}
	progressPrev.printed, progressPrev.n = true, n
	fmt.Fprintf(stderr, "Got %d\r", n)
}

func limitReachedErr(err error) bool { return errors.Is(err, rotate.ErrLimit) }

// rotating is the rotated -w output: Close also waits for the -z
// commands, so that xdpdump exits when every file is finished.
type rotating struct {
	*rotate.Writer
	post *postRotate
}

func (r rotating) Close() error {
	err := r.Writer.Close()
	if r.post != nil {
		r.post.wg.Wait()
	}
	return err
}

// openRotatingOutput is openOutput for -C/-G: the first file is created
// now (so a bad path fails before anything is attached); the files' end
// follows the wall clock, their statistics the interfaces' counters.
func openRotatingOutput(out *output, o *options) (*output, error) {
	format, err := pcapout.ParseFormat(o.format)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	stats := func() []pcapout.Stats {
		var s []pcapout.Stats
		for _, ifc := range out.byIndex {
			for len(s) <= ifc.outIdx {
				s = append(s, pcapout.Stats{Received: pcapout.NoValue, Dropped: pcapout.NoValue, FilterAccepted: pcapout.NoValue, OSDropped: pcapout.NoValue})
			}
			if ifc.stage == nil {
				continue
			}
			if st, err := ifc.stage.Stats(); err == nil {
				s[ifc.outIdx] = pcapout.Stats{Received: st.Seen, Dropped: pcapout.NoValue, FilterAccepted: st.Matched, OSDropped: st.Lost}
			}
		}
		return s
	}
	rw, post, err := openRotating(o, format, pcapout.Options{App: "xdpdump " + version, PacketBuffered: o.unbuffered},
		time.Now, time.Time{}, stats, os.Stderr)
	if err != nil {
		return nil, err
	}
	out.pw = rotating{rw, post}
	return out, nil
}
