// The version a binary reports: what the Makefile stamped, or what the
// Go toolchain recorded, checked against git itself.

package buildinfo

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	vcs := func(modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	for _, c := range []struct {
		main     string
		settings []debug.BuildSetting
		want     string
	}{
		{"v1.2.3", nil, "v1.2.3"},          // go install ...@v1.2.3
		{"v1.2.3", vcs("false"), "v1.2.3"}, // go build at a tagged commit
		{"v1.2.3+dirty", vcs("true"), "v1.2.3+dirty"},
		{"v0.0.0-20261201215209-0123456789ab", vcs("false"), "0123456789ab"},
		{"v0.0.0-20261201215209-0123456789ab+dirty", vcs("true"), "0123456789ab-dirty"},
		{"v1.2.4-0.20261201215209-0123456789ab", vcs("false"), "0123456789ab"},
		{"(devel)", vcs("false"), "0123456789ab"},
		{"(devel)", nil, Unstamped},
	} {
		got := FromBuildInfo(&debug.BuildInfo{Main: debug.Module{Version: c.main}, Settings: c.settings})
		if got != c.want {
			t.Errorf("%s %v: %q, want %q", c.main, c.settings, got, c.want)
		}
	}
	if Resolve("v9") != "v9" {
		t.Fatal("a stamped version is not reported as it is")
	}
}

// A binary built without the Makefile's -X, from a git checkout, reports
// the commit git names.
func TestUnstampedBuildReportsRevision(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatal("git is needed")
	}
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Fatalf("not in a git checkout: %v", err)
	}
	// A clone, because the Go toolchain reads VCS information only from
	// a .git directory (a worktree's .git is a file).
	clone := filepath.Join(t.TempDir(), "src")
	if out, err := exec.Command("git", "clone", "-q", "--no-hardlinks", strings.TrimSpace(string(top)), clone).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	head, err := exec.Command("git", "-C", clone, "rev-parse", "HEAD").Output()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "xdpdump")
	build := exec.Command("go", "build", "-buildvcs=true", "-o", bin, "./cmd/xdpdump")
	build.Dir = clone
	build.Env = append(os.Environ(), "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	// An untagged commit; a clone of a tagged one would say its tag.
	want := "xdpdump version " + strings.TrimSpace(string(head))[:12] + "\n"
	if tag, err := exec.Command("git", "-C", clone, "describe", "--tags", "--exact-match").Output(); err == nil {
		want = "xdpdump version " + strings.TrimSpace(string(tag)) + "\n"
	}
	if first, _, _ := strings.Cut(string(out), "\n"); first+"\n" != want {
		t.Fatalf("--version of an unstamped build: %q, want %q", out, want)
	}
}
