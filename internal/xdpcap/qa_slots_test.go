// Hooks of four slots, as cloudflare/xdpcap's own Go package (NewHook),
// its README's map definition and the hook.h of its first releases make
// them: none for XDP_REDIRECT. xdpcap fills as many slots as a hook has;
// xdpdump fills the four, says that redirected packets are not seen at
// exit, and empties them again, also after a crash.

package xdpcap

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// newHookLikeXdpcap creates and pins a hook as xdpcap.NewHook does: a prog
// array of 4-byte keys and values, 4 entries, named after the pin.
func newHookLikeXdpcap(t *testing.T) (*ebpf.Map, string) {
	t.Helper()
	m := newMap(t, &ebpf.MapSpec{Name: "qa_hook4", Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: 4})
	return m, pin(t, m)
}

// userOf4 loads the instrumented firewall against the 4-slot hook, its own
// hook declared with max_entries 4 (as xdpcap's README declares it) and no
// expected attach type (as the sections of xdpcap's own test programs
// give cilium/ebpf).
func userOf4(t *testing.T, hook *ebpf.Map) {
	t.Helper()
	testkit.XdpcapFW(t, hook, ebpf.AttachNone)
}

func TestFillsAFourSlotHook(t *testing.T) {
	testhost.Require(t)
	m, path := newHookLikeXdpcap(t)
	userOf4(t, m)
	var actions []uint32
	var said []string
	h, err := Attach(path, func(a uint32, v stage.Variant) (*ebpf.Program, error) {
		actions = append(actions, a)
		return stub(t, a, v)
	}, Options{Log: func(l string) { said = append(said, l) }})
	if err != nil {
		t.Fatalf("Attach of a hook made as xdpcap.NewHook makes it: %v", err)
	}
	if len(actions) != 4 || actions[3] != 3 || filled(m) != 4 {
		t.Fatalf("stages loaded for actions %v, %d slots filled; want ABORTED..TX in 4 slots", actions, filled(m))
	}
	if h.Variant().AttachType != ebpf.AttachNone {
		t.Fatalf("stages loaded as %v, want the user's program's (no expected attach type)", h.Variant())
	}
	if len(said) != 1 || !strings.Contains(said[0], "none for XDP_REDIRECT") {
		t.Fatalf("Attach said %q, want one line about the missing XDP_REDIRECT slot", said)
	}
	dir := h.in.dir
	if err := h.Detach(); err != nil {
		t.Fatal(err)
	}
	if filled(m) != 0 {
		t.Fatalf("%d slots still filled after Detach", filled(m))
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("pins left after Detach: %v", err)
	}
}

func TestRecoverEmptiesAFourSlotHook(t *testing.T) {
	testhost.Require(t)
	m, path := newHookLikeXdpcap(t)
	userOf4(t, m)
	h, err := Attach(path, func(a uint32, v stage.Variant) (*ebpf.Program, error) { return stub(t, a, v) }, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h.in.st.PID = uint32(deadPID(t))
	if err := h.in.writeState(); err != nil {
		t.Fatal(err)
	}
	h.in.close()
	h.in = nil
	var lines []string
	if found, err := Recover(func(l string) { lines = append(lines, l) }); err != nil || !found {
		t.Fatalf("Recover: %v %v", found, err)
	}
	if filled(m) != 0 || !strings.Contains(strings.Join(lines, "\n"), "emptied 4 of the 4 slots") {
		t.Fatalf("%d slots filled after Recover, which said %q", filled(m), lines)
	}
	m.Close()
	h.m = nil
}

// A path outside bpffs is refused for what it is: the kernel's EPERM
// there would read as a want of privileges.
func TestRefusesAPathOutsideBPFFS(t *testing.T) {
	testhost.Require(t)
	dir := t.TempDir()
	_, err := Attach(dir, func(uint32, stage.Variant) (*ebpf.Program, error) { return nil, errors.New("not reached") }, Options{})
	if err == nil || !strings.Contains(err.Error(), "is not on a BPF filesystem") || errors.Is(err, os.ErrPermission) {
		t.Fatalf("Attach(%s): %v", dir, err)
	}
}
