// tcpdump's output-file flags beyond -w: rotation (-C, -G, -W, -z,
// --rotate-empty) and -Z, checked against each other and against -w with
// tcpdump's words where tcpdump has any.

package cli

import (
	"errors"
	"fmt"
	"os/exec"
	"strconv"

	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/privs"
)

// Files are the output-file flags.
type Files struct {
	Size        string // -C, as given
	SizeBytes   int64  // -C in bytes, once checked
	Seconds     int    // -G
	Count       int    // -W
	Post        string // -z
	User        string // -Z
	RotateEmpty bool   // --rotate-empty
}

// Rotating reports whether -w is split into several files.
func (f *Files) Rotating() bool { return f.SizeBytes > 0 || f.Seconds > 0 }

// Check validates the flags (fs tells which were given) against each
// other and against -w's name write, and sets SizeBytes.
func (f *Files) Check(fs *pflag.FlagSet, write string) error {
	if fs.Changed("file-size") {
		n, err := parseFileSize(f.Size)
		if err != nil {
			return err
		}
		f.SizeBytes = n
	}
	if f.Seconds < 0 {
		return fmt.Errorf("invalid number of seconds %d", f.Seconds)
	}
	if fs.Changed("file-count") && f.Count <= 0 {
		return fmt.Errorf("invalid number of output files %d", f.Count)
	}
	rot := f.Rotating()
	switch {
	case rot && write == "":
		return errors.New("-C and -G split the -w file: give -w FILE")
	case rot && write == "-":
		return errors.New("-C and -G cannot split the standard output (-w -): give -w FILE")
	case f.Count > 0 && !rot:
		return errors.New("-W counts the files of -C or -G: give one of them")
	case f.Post != "" && !rot:
		return errors.New("-z runs after each rotation: give -C or -G")
	case f.RotateEmpty && f.Seconds == 0:
		return errors.New("--rotate-empty needs -G")
	}
	if f.Post != "" {
		if _, err := exec.LookPath(f.Post); err != nil {
			return fmt.Errorf("-z %s: command not found", f.Post)
		}
	}
	if f.User != "" {
		if _, err := privs.Lookup(f.User); err != nil {
			return err
		}
	}
	return nil
}

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
		return 0, fmt.Errorf("invalid file size %s", s)
	}
	if v > (1<<62)/mult {
		return 0, fmt.Errorf("file size %s is too large", s)
	}
	return v * mult, nil
}
