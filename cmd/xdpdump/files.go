// tcpdump's output-file flags beyond -w (internal/cli checks them,
// internal/output rotates the files).

package main

import (
	"github.com/spf13/pflag"

	"github.com/xdpdump/xdpdump/internal/cli"
)

func addFileFlags(fs *pflag.FlagSet, f *cli.Files) {
	fs.StringVarP(&f.Size, "file-size", "C", "", "start a new -w file before it grows past `SIZE` millions of bytes (suffix k, m, g: KiB, MiB, GiB)")
	fs.IntVarP(&f.Seconds, "rotate-seconds", "G", 0, "start a new -w file every `SECONDS`, aligned to the clock; FILE is a strftime pattern")
	fs.IntVarP(&f.Count, "file-count", "W", 0, "with -C: a ring of `N` files; with -G alone: exit after N files")
	fs.StringVarP(&f.Post, "postrotate-command", "z", "", "run `CMD` FILE in the background for every finished -w file (e.g. gzip)")
	fs.BoolVar(&f.RotateEmpty, "rotate-empty", false, "with -G: write a file for every interval, even one without packets")
	fs.StringVarP(&f.User, "relinquish-privileges", "Z", "", "after attaching, switch to `USER` and its group; the -w files are created as USER")
}
