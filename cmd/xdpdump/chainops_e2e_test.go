// The chain's edges, through the real binary: `chain --insert` of a
// program that would end the chain is refused and changes nothing, and an
// inserted stage is loaded as the chain's variant (here: no expected
// attach type, behind iproute2's `sec prog`); a program whose attach type
// cannot be probed is listed by -D and `chain -i` rather than failing
// them, and xdpdump refuses to stand in front of it in one line; an owner
// that releases its bpf_link while xdpdump runs is reported when noticed
// and at exit.
package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

func TestChainInsertVariantAndRefusal(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	p.Resolve()
	o := viaIproute2("fwprog", "prog", "xdpdrv")(t, p)
	h0 := hookInfo(t, &p.A)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "i.pcapng"))
	if !strings.Contains(x.stderr.String(), "attach type 0 (none)") {
		t.Fatalf("start-up lines:\n%s", x.stderr.String())
	}
	show0, err := p.A.Run(binPath, "chain", "-i", p.A.Dev)
	if err != nil {
		t.Fatalf("chain -i: %v\n%s", err, show0)
	}

	// fw_xdp drops and passes: it never tail-calls, so behind it the
	// original would no longer run.
	cmd := p.A.Cmd(binPath, "chain", "-i", p.A.Dev, "--insert", progsObj(t, "fw")+":fw_xdp")
	var stdout, stderr syncBuf
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 1 || stdout.String() != "" ||
		strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "does not tail-call through a prog array named `chain`") {
		t.Fatalf("--insert of a stage that ends the chain: exit %d (%v)\nstdout:\n%s\nstderr:\n%s", code, err, stdout.String(), stderr.String())
	}
	if show, _ := p.A.Run(binPath, "chain", "-i", p.A.Dev); show != show0 {
		t.Fatalf("the refused --insert changed the chain:\n%s\nwas:\n%s", show, show0)
	}
	o.round(t)

	// chaintest_stage is SEC("xdp") (BPF_XDP): it is loaded as the chain's
	// variant, without an attach type, and runs in front of the original.
	out, err := p.A.Run(binPath, "chain", "-i", p.A.Dev, "--insert", progsObj(t, "chaintest")+":chaintest_stage")
	if err != nil || !strings.Contains(out, "inserted in slot") {
		t.Fatalf("chain --insert: %v\n%s", err, out)
	}
	var stageID int
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, " stage ") {
			stageID = atoiAfter(l, "prog ")
		}
	}
	if stageID == 0 {
		t.Fatalf("no stage in the chain after --insert:\n%s", out)
	}
	seen0 := stageSeen(t, ebpf.ProgramID(stageID))
	o.round(t)
	if n := stageSeen(t, ebpf.ProgramID(stageID)) - seen0; n < 25 {
		t.Fatalf("the inserted stage saw %d of the 25 datagrams", n)
	}
	if _, code := x.stop(t, syscall.SIGINT); code != 0 {
		t.Fatalf("exit %d:\n%s", code, x.stderr.String())
	}
	if h := hookInfo(t, &p.A); h != h0 {
		t.Fatalf("at the end the hook holds %s, want %s", h, h0)
	}
}

func atoiAfter(s, prefix string) int {
	i := strings.Index(s, prefix)
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range s[i+len(prefix):] {
		if c < '0' || c > '9' {
			break
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// A program with an expected attach type past what the probe tries.
func TestUnprobeableAttachType(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{})
	spec, err := progs.LoadFw()
	if err != nil {
		t.Fatal(err)
	}
	spec.Programs["fw_xdp"].AttachType = 300
	coll := loadSpec(t, spec)
	id := ipAttach(t, p, coll.Programs["fw_xdp"], "xdpgeneric")
	h0 := hookInfo(t, &p.A)

	out, err := p.A.Run(binPath, "-D")
	if err != nil {
		t.Fatalf("-D failed as a whole: %v\n%s", err, out)
	}
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "."+p.A.Dev+" ") {
			line = l
		}
	}
	if !strings.Contains(line, "XDP prog "+strconv.Itoa(int(id))) || !strings.Contains(line, "attach type not probed") || !strings.Contains(line, "none of 0..255") || !strings.Contains(out, ".lo ") {
		t.Fatalf("-D does not list the program with what it could not probe:\n%s", out)
	}
	out, err = p.A.Run(binPath, "chain", "-i", p.A.Dev)
	if err != nil || !strings.Contains(out, "original") || !strings.Contains(out, "not probed") {
		t.Fatalf("chain -i: %v\n%s", err, out)
	}

	cmd := p.A.Cmd(binPath, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "u.pcapng"))
	b, err := cmd.CombinedOutput()
	if cmd.ProcessState.ExitCode() != 1 || strings.Count(string(b), "\n") != 1 || !strings.Contains(string(b), "none of 0..255") {
		t.Fatalf("xdpdump in front of an unprobeable program: %v\n%s", err, b)
	}
	if h := hookInfo(t, &p.A); h != h0 {
		t.Fatalf("the refused start changed the hook to %s, was %s", h, h0)
	}
	if left := pinsOfPIDs(cmd.Process.Pid); len(left) > 0 {
		t.Fatalf("pins left: %v", left)
	}
}

// The owner of a link-owned original unpins its link while xdpdump runs.
func TestLinkOwnerReleases(t *testing.T) {
	t.Parallel()
	p := testhost.New(t, testhost.Options{NoOffloads: true})
	p.Resolve()
	id, pin := linkLoaded(t, p, ebpf.AttachXDP)
	round := fwRound(t, p, progMap(t, id, "verdicts"), 64, 10, 15)
	h0 := hookInfo(t, &p.A)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "o.pcapng"), "udp")
	round(t)
	if err := os.Remove(pin); err != nil {
		t.Fatal(err)
	}
	noticed := "is no longer pinned or held by any process but xdpdump: its owner released it"
	if !waitFor(10*time.Second, func() bool { return strings.Contains(x.stderr.String(), noticed) }) {
		t.Fatalf("xdpdump did not notice that the owner released bpf_link %d:\n%s", h0.link, x.stderr.String())
	}
	if n := strings.Count(x.stderr.String(), noticed); n != 1 {
		t.Fatalf("said %d times that the owner released the link", n)
	}
	// Attached only because of xdpdump, the original still works.
	round(t)
	stderr, code := x.stop(t, syscall.SIGINT)
	if code != 0 || !strings.Contains(stderr, "its owner had released bpf_link") || !strings.Contains(stderr, "the hook is empty") {
		t.Fatalf("exit %d; at exit xdpdump did not say what became of the original:\n%s", code, stderr)
	}
	t.Logf("xdpdump said:\n%s", stderr)
	if h := hookInfo(t, &p.A); h.id != 0 {
		t.Fatalf("the hook holds %s; the owner released its link, so it should be empty as without xdpdump", h)
	}
	if left := pinsOfPIDs(x.pid()); len(left) > 0 {
		t.Fatalf("pins left: %v", left)
	}
}
