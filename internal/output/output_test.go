// The output's promises without a kernel: a failure before the capture
// leaves the directory as found, a kept file is one tcpdump reads, and a
// closed pipe is explained in one line.

package output

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/session"
	"github.com/xdpdump/xdpdump/pcapout"
)

func fileOptions(name string) Options {
	return Options{Name: name, Format: "pcapng", App: "xdpdump test", Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
}

// TestFailureLeavesDirectory: an existing -w file keeps its bytes and a
// new one is removed when the capture fails before it starts.
func TestFailureLeavesDirectory(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old.pcapng")
	if err := os.WriteFile(old, []byte("someone's data"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{old, filepath.Join(dir, "new.pcapng")} {
		out, err := Open(fileOptions(name))
		if err != nil {
			t.Fatal(err)
		}
		if err := out.Close(true); err != nil {
			t.Fatal(err)
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 1 || ents[0].Name() != "old.pcapng" {
		t.Fatalf("the directory holds %v, want only old.pcapng", ents)
	}
	if b, _ := os.ReadFile(old); string(b) != "someone's data" {
		t.Fatalf("old.pcapng now holds %q", b)
	}
}

// TestKeptFileIsReadable: a started file that took one packet is one the
// real tcpdump reads, with that packet, and its old bytes are gone.
func TestKeptFileIsReadable(t *testing.T) {
	if _, err := exec.LookPath("tcpdump"); err != nil {
		t.Skip("no tcpdump")
	}
	name := filepath.Join(t.TempDir(), "a.pcapng")
	if err := os.WriteFile(name, bytes.Repeat([]byte("x"), 100000), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := Open(fileOptions(name))
	if err != nil {
		t.Fatal(err)
	}
	if err := out.Start(); err != nil {
		t.Fatal(err)
	}
	sink := out.Sink()
	ifc, err := sink.AddInterface(pcapout.Interface{Name: "veth0"})
	if err != nil {
		t.Fatal(err)
	}
	frame := make([]byte, 60)
	copy(frame, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 1, 0x08, 0x06})
	if err := sink.WritePacket(&pcapout.Packet{Timestamp: time.Unix(1e9, 0), Data: frame, Interface: ifc}); err != nil {
		t.Fatal(err)
	}
	if err := sink.Close(); err != nil {
		t.Fatal(err)
	}
	out.Keep()
	if err := out.Close(false); err != nil {
		t.Fatal(err)
	}
	o, err := exec.Command("tcpdump", "-n", "-r", name).CombinedOutput()
	if err != nil || strings.Count(string(o), "ARP") != 1 {
		t.Fatalf("tcpdump -r: %v\n%s", err, o)
	}
}

// TestExplainClosedPipe: a write to a pipe whose reader is gone (the
// kernel's EPIPE) is one line that names the output.
func TestExplainClosedPipe(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	r.Close()
	o := fileOptions("-")
	o.Stdout = w
	out, err := Open(o)
	if err != nil {
		t.Fatal(err)
	}
	werr := out.Sink().Flush()
	if werr == nil {
		t.Fatal("flushing into a pipe without a reader did not fail")
	}
	got := out.Explain(&session.WriteError{Err: werr})
	if got.Error() != "stdout: the reader closed the pipe" {
		t.Fatalf("explained as %q (from %v)", got, werr)
	}
	other := errors.New("not a write")
	if got := out.Explain(other); !errors.Is(got, other) || got.Error() != other.Error() {
		t.Fatal("an error that is no write failure was changed")
	}
}
