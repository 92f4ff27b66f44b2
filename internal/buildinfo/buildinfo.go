// Package buildinfo says which xdpdump this is (xdpdump --version): its
// version from the build, the libpcap it runs with, and the BPF features
// the running kernel has (internal/features).
//
// The Makefile stamps the version with -X main.version=$(git describe);
// a binary built without it (go build, go install) reports what the Go
// toolchain recorded instead: the module version, or the VCS revision and
// whether the tree was modified.
package buildinfo

import (
	"fmt"
	"io"
	"regexp"
	"runtime/debug"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/features"
)

// Unstamped is the version a binary has when the Makefile did not set
// it.
const Unstamped = "dev"

// Resolve returns stamped, or, when it is empty or Unstamped, the
// version the Go toolchain recorded in the binary.
func Resolve(stamped string) string {
	if stamped != "" && stamped != Unstamped {
		return stamped
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Unstamped
	}
	return FromBuildInfo(bi)
}

// pseudo matches a Go pseudo-version (v0.0.0-20060102150405-abcdefabcdef),
// which the toolchain makes up for an untagged commit.
var pseudo = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+-(.*\.)?[0-9]{14}-[0-9a-f]{12}`)

// FromBuildInfo is the version bi describes: a tag (go install
// ...@v1.2.3, or a build at a tagged commit) as it is, else the VCS
// revision (12 digits, "-dirty" when the tree had changes), else
// Unstamped.
func FromBuildInfo(bi *debug.BuildInfo) string {
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" && !pseudo.MatchString(v) {
		return v // a tag: go install ...@v1.2.3, or go build at a tagged commit
	}
	if rev == "" {
		return Unstamped
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	v := rev
	if modified == "true" {
		v += "-dirty"
	}
	return v
}

// Write prints --version: xdpdump's version, libpcap's, the kernel's
// BPF features.
func Write(w io.Writer, stamped string) {
	fmt.Fprintf(w, "xdpdump version %s\n", Resolve(stamped))
	fmt.Fprintln(w, filter.LibpcapVersion())
	fmt.Fprintln(w, features.Probe())
}
