// Tests of the hook handling against the kernel: the ABI check, hooks no
// program uses (left without an owner), hooks another capture reads, the
// variant of the programs that tail-call the hook, filling and emptying,
// and the recovery of a dead xdpdump's slots.

package xdpcap

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/stage"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

// pin pins m under a name unique to the test, removed when it ends.
func pin(t *testing.T, m *ebpf.Map) string {
	t.Helper()
	var b [4]byte
	rand.Read(b[:])
	p := "/sys/fs/bpf/xdpdump-test-hook-" + hex.EncodeToString(b[:])
	if err := m.Pin(p); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(p) })
	return p
}

func newMap(t *testing.T, spec *ebpf.MapSpec) *ebpf.Map {
	t.Helper()
	m, err := ebpf.NewMap(spec)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

func hookSpec(slots uint32) *ebpf.MapSpec {
	return &ebpf.MapSpec{Name: "xdpcap_hook", Type: ebpf.ProgramArray, KeySize: 4, ValueSize: 4, MaxEntries: slots}
}

// user loads the xdpcap-instrumented firewall against hook as its users
// do (the hook replaces the object's own), as variant v.
func user(t *testing.T, hook *ebpf.Map, v stage.Variant) *ebpf.Program {
	t.Helper()
	spec, err := progs.LoadXdpcapfw()
	if err != nil {
		t.Fatal(err)
	}
	keep := "xdpcap_fw"
	if v.Frags {
		keep = "xdpcap_fw_frags"
	}
	for n := range spec.Programs {
		if n != keep {
			delete(spec.Programs, n)
		}
	}
	spec.Programs[keep].AttachType = v.AttachType
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{MapReplacements: map[string]*ebpf.Map{"xdpcap_hook": hook}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { coll.Close() })
	return coll.Programs[keep]
}

// stub loads a program of variant v that returns action: a stand-in for
// the exit stages.
func stub(t *testing.T, action uint32, v stage.Variant) (*ebpf.Program, error) {
	spec := &ebpf.ProgramSpec{
		Type: ebpf.XDP, AttachType: v.AttachType, License: "GPL",
		Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, int32(action)), asm.Return()},
	}
	if v.Frags {
		spec.Flags = unix.BPF_F_XDP_HAS_FRAGS
	}
	p, err := ebpf.NewProgram(spec)
	if err == nil {
		t.Cleanup(func() { p.Close() })
	}
	return p, err
}

func filled(m *ebpf.Map) int {
	n := 0
	for a := uint32(0); a < Slots; a++ {
		if _, ok := slotID(m, a); ok {
			n++
		}
	}
	return n
}

func TestRefusesWhatIsNotAHook(t *testing.T) {
	testhost.Require(t)
	for name, spec := range map[string]*ebpf.MapSpec{
		"three slots": hookSpec(3),
		"six slots":   hookSpec(6),
		"an array":    {Type: ebpf.Array, KeySize: 4, ValueSize: 4, MaxEntries: 5},
		"a hash":      {Type: ebpf.Hash, KeySize: 8, ValueSize: 4, MaxEntries: 5},
	} {
		t.Run(name, func(t *testing.T) {
			path := pin(t, newMap(t, spec))
			loads := 0
			_, err := Attach(path, func(uint32, stage.Variant) (*ebpf.Program, error) { loads++; return nil, errors.New("not reached") }, Options{})
			if !errors.Is(err, ErrABI) || loads != 0 {
				t.Fatalf("Attach: %v (%d loads), want ErrABI", err, loads)
			}
		})
	}
}

// A hook no program uses has no owner yet: probing it would make it the
// probe's, and the user's program could then no longer load against it.
func TestRefusesUnusedHookAndLeavesItUnowned(t *testing.T) {
	testhost.Require(t)
	m := newMap(t, hookSpec(Slots))
	path := pin(t, m)
	_, err := Attach(path, func(a uint32, v stage.Variant) (*ebpf.Program, error) { return stub(t, a, v) }, Options{})
	if !errors.Is(err, ErrUnused) {
		t.Fatalf("Attach on an unused hook: %v, want ErrUnused", err)
	}
	if typ, err := owner(m); err != nil || typ != 0 {
		t.Fatalf("the hook has an owner now (type %d, %v)", typ, err)
	}
	// Still usable by a program of any variant, e.g. a non-frags one
	// without an expected attach type.
	user(t, m, stage.Variant{Frags: false, AttachType: ebpf.AttachNone})
}

func TestRefusesHookInUse(t *testing.T) {
	testhost.Require(t)
	m := newMap(t, hookSpec(Slots))
	path := pin(t, m)
	user(t, m, stage.Default)
	other, err := stub(t, 2, stage.Default)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Put(uint32(2), other); err != nil {
		t.Fatal(err)
	}
	_, err = Attach(path, func(a uint32, v stage.Variant) (*ebpf.Program, error) { return stub(t, a, v) }, Options{})
	if !errors.Is(err, ErrInUse) || !strings.Contains(err.Error(), "slot 2 (PASS)") {
		t.Fatalf("Attach on a hook in use: %v", err)
	}
	if filled(m) != 1 {
		t.Fatalf("%d slots filled after the refusal, want the other capture's 1", filled(m))
	}
}

// The stages are loaded in the variant of the programs that tail-call the
// hook, and the kernel takes them into its slots.
func TestFillsAndEmptiesInTheUsersVariant(t *testing.T) {
	testhost.Require(t)
	for _, v := range []stage.Variant{
		{Frags: false, AttachType: ebpf.AttachXDP},
		{Frags: true, AttachType: ebpf.AttachXDP},
		{Frags: false, AttachType: ebpf.AttachNone},
		{Frags: true, AttachType: ebpf.AttachNone},
	} {
		t.Run(v.String(), func(t *testing.T) {
			m := newMap(t, hookSpec(Slots))
			path := pin(t, m)
			user(t, m, v)
			var got []stage.Variant
			h, err := Attach(path, func(a uint32, pv stage.Variant) (*ebpf.Program, error) {
				got = append(got, pv)
				return stub(t, a, pv)
			}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if h.Variant() != v || len(got) != Slots {
				t.Fatalf("stages loaded as %v, want %d of %v", got, Slots, v)
			}
			if filled(m) != Slots {
				t.Fatalf("%d slots filled, want %d", filled(m), Slots)
			}
			if _, err := os.Stat(h.in.dir + "/state"); err != nil {
				t.Fatalf("no state record pinned: %v", err)
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
		})
	}
}

// deadPID is the PID of a process that has exited.
func deadPID(t *testing.T) int {
	t.Helper()
	c := exec.Command("true")
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	return c.Process.Pid
}

// The slots a dead xdpdump filled are emptied by the next Recover (the
// next start's Attach calls it first); a slot someone else filled since
// is left alone.
func TestRecoverEmptiesADeadInstancesSlots(t *testing.T) {
	testhost.Require(t)
	m := newMap(t, hookSpec(Slots))
	path := pin(t, m)
	user(t, m, stage.Default)
	h, err := Attach(path, func(a uint32, v stage.Variant) (*ebpf.Program, error) { return stub(t, a, v) }, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The process "dies": its record now names a process that is gone,
	// and someone else replaced slot 4 meanwhile.
	h.in.st.PID = uint32(deadPID(t))
	if err := h.in.writeState(); err != nil {
		t.Fatal(err)
	}
	dir := h.in.dir
	h.in.close()
	h.in = nil
	other, err := stub(t, 4, stage.Default)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Put(uint32(4), other); err != nil {
		t.Fatal(err)
	}
	var lines []string
	found, err := Recover(func(l string) { lines = append(lines, l) })
	if err != nil || !found {
		t.Fatalf("Recover: %v %v", found, err)
	}
	if n := filled(m); n != 1 {
		t.Fatalf("%d slots filled after Recover, want only the replaced one", n)
	}
	if id, _ := slotID(m, 4); !strings.Contains(strings.Join(lines, "\n"), "emptied 4 of the 5 slots") || id == 0 {
		t.Fatalf("Recover said: %q", lines)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("pins left after Recover: %v", err)
	}
	m.Close()
	h.m = nil
	if _, err := Recover(nil); err != nil {
		t.Fatalf("second Recover: %v", err)
	}
}

// A record whose hook is gone is removed.
func TestRecoverWhenTheHookIsGone(t *testing.T) {
	testhost.Require(t)
	m, err := ebpf.NewMap(hookSpec(Slots))
	if err != nil {
		t.Fatal(err)
	}
	path := pin(t, m)
	user(t, m, stage.Default)
	h, err := Attach(path, func(a uint32, v stage.Variant) (*ebpf.Program, error) { return stub(t, a, v) }, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h.in.st.PID = uint32(deadPID(t))
	h.in.st.MapID = 0x7ffffff0 // no such map
	if err := h.in.writeState(); err != nil {
		t.Fatal(err)
	}
	dir := h.in.dir
	h.in.close()
	var lines []string
	if found, err := Recover(func(l string) { lines = append(lines, l) }); !found || err != nil {
		t.Fatalf("Recover: %v %v", found, err)
	}
	if !strings.Contains(strings.Join(lines, "\n"), "is gone too") {
		t.Fatalf("Recover said: %q", lines)
	}
	if _, err := os.Stat(filepath.Join(dir, "state")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("pins left: %v", err)
	}
	h.in = nil
	if err := h.Detach(); err != nil {
		t.Fatal(err)
	}
}

// Another user can create directories on a bpffs of mode 1777: pins are
// never read from nor written into a directory that is not ours alone.
func TestRefusesDirectoriesOthersControl(t *testing.T) {
	testhost.Require(t)
	base := t.TempDir()
	ours := filepath.Join(base, "ours")
	open := filepath.Join(base, "open")
	theirs := filepath.Join(base, "theirs")
	link := filepath.Join(base, "link")
	for _, d := range []string{ours, open, theirs} {
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(open, 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(theirs, 65534, 65534); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(ours, link); err != nil {
		t.Fatal(err)
	}
	if err := checkDir(ours); err != nil {
		t.Fatalf("our own directory refused: %v", err)
	}
	for _, d := range []string{open, theirs, link} {
		if err := checkDir(d); err == nil {
			t.Errorf("%s accepted", d)
		}
	}
	f := filepath.Join(ours, "state")
	if err := os.WriteFile(f, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(f, filepath.Join(ours, "state2")); err != nil {
		t.Fatal(err)
	}
	if err := checkFile(f); err != nil {
		t.Fatalf("our own file refused: %v", err)
	}
	if err := checkFile(filepath.Join(ours, "state2")); err == nil {
		t.Fatal("a symbolic link accepted as a state record")
	}
}
