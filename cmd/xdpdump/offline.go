// -r (or -V's list): internal/offline reads, filters and copies into the
// output of the command line.

package main

import (
	"io"

	"github.com/xdpdump/xdpdump/internal/cli"
	"github.com/xdpdump/xdpdump/internal/offline"
)

func readFiles(o *options, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	names := []string{o.read}
	if o.cf.FileList != "" {
		if names, err = cli.FileList(o.cf.FileList, stdin); err != nil {
			return err
		}
	}
	rc := offline.ReadConfig{Names: names, Stdin: stdin, Expr: o.expr, Snaplen: o.snaplen, NoOptimize: o.cf.NoOptimize, Count: uint64(o.count)}
	return offline.Copy(rc, outputOptions(o, stdout, stderr))
}
