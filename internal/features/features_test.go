// The probes against what the kernel does when the feature is really
// used: bpftool's own probe for the ring buffer, a tcx link on a test
// veth, and a jumbo-MTU veth that takes a native XDP program only with
// the frags flag.

package features

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
	"github.com/cilium/ebpf/link"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

func TestProbeAgainstTheKernel(t *testing.T) {
	p := testhost.New(t, testhost.Options{MTU: 9000})
	r := Probe()
	if want := strings.TrimSpace(mustRead(t, "/proc/sys/kernel/osrelease")); r.Kernel != want {
		t.Fatalf("kernel %q, want %q", r.Kernel, want)
	}
	get := func(name string) State {
		f, ok := r.Lookup(name)
		if !ok {
			t.Fatalf("no feature %s in %v", name, r)
		}
		if f.State == Unknown {
			t.Fatalf("%s unknown as root: %v", name, f.Err)
		}
		return f.State
	}

	out, err := exec.Command("bpftool", "feature", "probe", "kernel").Output()
	if err != nil {
		t.Fatalf("bpftool feature probe: %v", err)
	}
	bpftoolRingbuf := strings.Contains(string(out), "eBPF map_type ringbuf is available")
	if (get("ringbuf") == Present) != bpftoolRingbuf {
		t.Fatalf("ringbuf %v, bpftool says available=%v", get("ringbuf"), bpftoolRingbuf)
	}

	prog := func(typ ebpf.ProgramType, flags uint32, ret int32) *ebpf.Program {
		pr, err := ebpf.NewProgram(&ebpf.ProgramSpec{
			Type: typ, License: "Dual BSD/GPL", Flags: flags,
			Instructions: asm.Instructions{asm.Mov.Imm(asm.R0, ret), asm.Return()},
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { pr.Close() })
		return pr
	}
	// tcx: a real tcx link on the veth.
	tc := prog(ebpf.SchedCLS, 0, -1)
	err = p.A.Do(func() error {
		l, err := link.AttachTCX(link.TCXOptions{Interface: p.A.Ifindex, Program: tc, Attach: ebpf.AttachTCXEgress})
		if err == nil {
			l.Close()
		}
		return err
	})
	if (get("tcx") == Present) != (err == nil) {
		t.Fatalf("tcx %v, a tcx link on %s: %v", get("tcx"), p.A.Dev, err)
	}

	// frags: a veth whose MTU is above a page takes a native XDP program
	// only if it handles multi-buffer frames.
	attach := func(pr *ebpf.Program) error {
		return p.A.Do(func() error {
			l, err := link.AttachXDP(link.XDPOptions{Program: pr, Interface: p.A.Ifindex, Flags: link.XDPDriverMode})
			if err == nil {
				l.Close()
			}
			return err
		})
	}
	if err := attach(prog(ebpf.XDP, 0, 2)); err == nil {
		t.Fatal("the jumbo veth took a program without frags: the oracle does not hold on this kernel")
	}
	fragsErr := attach(prog(ebpf.XDP, unix.BPF_F_XDP_HAS_FRAGS, 2))
	if (get("frags") == Present) != (fragsErr == nil) {
		t.Fatalf("frags %v, a frags program on the jumbo veth: %v", get("frags"), fragsErr)
	}
	if !strings.HasPrefix(r.String(), "kernel "+r.Kernel+" BPF features: tcx yes, ringbuf yes, frags yes") {
		t.Logf("this kernel lacks something: %s", r)
	}
}

// Without privileges nothing is claimed missing: every feature is
// unknown, and the line says why.
func TestProbeUnprivileged(t *testing.T) {
	if os.Getenv("XDPDUMP_FEATURES_CHILD") == "1" {
		r := Probe()
		os.Stdout.WriteString(r.String())
		return
	}
	testhost.Require(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	c := exec.Command("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", exe, "-test.run=^TestProbeUnprivileged$")
	c.Env = append(os.Environ(), "XDPDUMP_FEATURES_CHILD=1")
	out, err := c.Output()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "tcx unknown, ringbuf unknown, frags unknown (probing needs root") {
		t.Fatalf("as nobody: %v %q", err, out)
	}
}

func mustRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
