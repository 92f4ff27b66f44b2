package main

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"

	"github.com/xdpdump/xdpdump/internal/netns"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

// existing is a program that already runs on host A: chaintest drops UDP
// to port 9, rewrites the first payload byte of other UDP and counts.
type existing struct {
	objs progs.ChaintestObjects
	mode string // xdpdrv, xdpgeneric or link
	id   ebpf.ProgramID
}

func attachExisting(t *testing.T, p *testhost.Pair, mode string) *existing {
	t.Helper()
	e := &existing{mode: mode}
	if err := progs.LoadChaintestObjects(&e.objs, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.objs.Close() })
	info, err := e.objs.ChaintestXdp.Info()
	if err != nil {
		t.Fatal(err)
	}
	e.id, _ = info.ID()
	switch mode {
	case "link":
		err := p.A.Do(func() error {
			l, err := link.AttachXDP(link.XDPOptions{Program: e.objs.ChaintestXdp, Interface: p.A.Ifindex})
			if err == nil {
				t.Cleanup(func() { l.Close() })
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	default:
		// Netlink-owned, as ip(8) attaches: pin, attach by pin, unpin.
		var b [4]byte
		rand.Read(b[:])
		pin := "/sys/fs/bpf/xdpdump-test-" + hex.EncodeToString(b[:])
		if err := e.objs.ChaintestXdp.Pin(pin); err != nil {
			t.Fatal(err)
		}
		defer e.objs.ChaintestXdp.Unpin()
		p.MustRun(&p.A, "ip", "link", "set", "dev", p.A.Dev, mode, "pinned", pin)
		t.Cleanup(func() { p.A.Run("ip", "link", "set", "dev", p.A.Dev, mode, "off") })
	}
	return e
}

func (e *existing) counts(t *testing.T) (other, drop, rewrite uint64) {
	t.Helper()
	v := testkit.Uint64s(t, e.objs.Verdicts, 3)
	return v[0], v[1], v[2]
}

// hookOf is what ip(8) says is on A's XDP hook: program id and mode.
func hookOf(t *testing.T, h *testhost.Host) (id int, mode string) {
	t.Helper()
	out, err := h.Run("ip", "-j", "-d", "link", "show", "dev", h.Dev)
	if err != nil {
		t.Fatal(err)
	}
	var links []struct {
		XDP *struct {
			Mode int `json:"mode"`
			Prog *struct {
				ID int `json:"id"`
			} `json:"prog"`
		} `json:"xdp"`
	}
	if err := json.Unmarshal([]byte(out), &links); err != nil {
		t.Fatalf("ip -j: %v: %s", err, out)
	}
	if len(links) != 1 || links[0].XDP == nil || links[0].XDP.Prog == nil {
		return 0, "none"
	}
	return links[0].XDP.Prog.ID, map[int]string{1: "native", 2: "generic", 3: "offload"}[links[0].XDP.Mode]
}

func pinsOf(t *testing.T, h *testhost.Host) []string {
	t.Helper()
	// Pin directories name the namespace by its cookie (internal/netns).
	var cookie uint64
	if err := h.Do(func() (err error) { cookie, err = netns.Current(); return err }); err != nil {
		t.Fatalf("the cookie of %s: %v", h.NS, err)
	}
	m, _ := filepath.Glob(fmt.Sprintf("/sys/fs/bpf/xdpdump/%d-ns%d", h.Ifindex, cookie))
	var left []string
	for _, d := range m {
		ents, _ := os.ReadDir(d)
		if len(ents) > 0 {
			left = append(left, d)
		}
	}
	return left
}

func countPackets(t *testing.T, file, expr string) int {
	t.Helper()
	out, err := exec.Command("tcpdump", "-n", "-r", file, expr).Output()
	if err != nil {
		t.Fatalf("tcpdump -r %s: %v", file, err)
	}
	return strings.Count(string(out), "\n")
}

func TestChainInFrontCLI(t *testing.T) {
	for _, mode := range []string{"xdpdrv", "xdpgeneric", "link"} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			t.Run(fmt.Sprintf("%s/%v", mode, sig), func(t *testing.T) {
				p := testhost.New(t, testhost.Options{})
				warmARP(t, p)
				e := attachExisting(t, p, mode)
				id0, mode0 := hookOf(t, &p.A)
				if id0 != int(e.id) {
					t.Fatalf("existing program %d not on the hook (%d)", e.id, id0)
				}
				file := filepath.Join(t.TempDir(), "c.pcapng")
				x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", file, "udp")
				if !strings.Contains(x.stderr.String(), fmt.Sprintf("in front of prog %d", e.id)) {
					t.Fatalf("start-up line does not say it stands in front of %d:\n%s", e.id, x.stderr.String())
				}
				_, d0, r0 := e.counts(t)
				sendUDP(t, p, 9, 10, 50)
				sent := sendUDP(t, p, 5555, 15, 50)
				time.Sleep(200 * time.Millisecond)
				_, d1, r1 := e.counts(t)
				if d1-d0 != 10 || r1-r0 != 15 {
					t.Fatalf("existing program's verdicts changed: %d drops, %d rewrites; want 10, 15", d1-d0, r1-r0)
				}
				stderr, code := x.stop(t, sig)
				if code != 0 {
					t.Fatalf("exit %d:\n%s", code, stderr)
				}
				if id, m := hookOf(t, &p.A); id != id0 || m != mode0 {
					t.Fatalf("after %v: hook holds %d (%s), was %d (%s)", sig, id, m, id0, mode0)
				}
				if left := pinsOf(t, &p.A); len(left) > 0 {
					t.Fatalf("pins left behind: %v", left)
				}
				if n := countPackets(t, file, "udp dst port 9"); n != 10 {
					t.Fatalf("captured %d of the 10 datagrams the existing program drops", n)
				}
				// Captured before the rewrite: the first payload byte as sent.
				out, _ := exec.Command("tshark", "-r", file, "-Y", "udp.dstport==5555", "-T", "fields", "-e", "data.data").Output()
				lines := strings.Fields(string(out))
				if len(lines) != 15 {
					t.Fatalf("captured %d of 15 rewritten datagrams", len(lines))
				}
				for i, l := range lines {
					if l != hex.EncodeToString(sent[i]) {
						t.Fatalf("datagram %d captured as %s, sent %x", i, l, sent[i])
					}
				}
			})
		}
	}
}

func TestChainSIGKILLThenRecover(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	e := attachExisting(t, p, "xdpdrv")
	id0, mode0 := hookOf(t, &p.A)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "k.pcapng"))
	x.stop(t, syscall.SIGKILL)
	// The pinned chain keeps the existing program in the path.
	_, d0, _ := e.counts(t)
	sendUDP(t, p, 9, 5, 20)
	time.Sleep(100 * time.Millisecond)
	if _, d1, _ := e.counts(t); d1-d0 != 5 {
		t.Fatalf("after SIGKILL the existing program saw %d of 5 datagrams", d1-d0)
	}
	if id, _ := hookOf(t, &p.A); id == id0 {
		t.Fatalf("xdpdump's program vanished from the hook at SIGKILL; expected it to stay until recovered")
	}
	out, err := p.A.Run(binPath, "--recover", "-i", p.A.Dev)
	if err != nil {
		t.Fatalf("--recover: %v", err)
	}
	if id, m := hookOf(t, &p.A); id != id0 || m != mode0 {
		t.Fatalf("after --recover: %d (%s), want %d (%s); output:\n%s", id, m, id0, mode0, out)
	}
	if left := pinsOf(t, &p.A); len(left) > 0 {
		t.Fatalf("pins left after recovery: %v", left)
	}
	if out2, _ := p.A.Run(binPath, "--recover", "-i", p.A.Dev); !strings.Contains(out2, "nothing to recover") {
		t.Fatalf("second --recover: %s", out2)
	}
}

func TestChainNextStartRecovers(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	attachExisting(t, p, "link")
	id0, mode0 := hookOf(t, &p.A)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "k.pcapng"))
	x.stop(t, syscall.SIGKILL)
	y := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "k2.pcapng"))
	stderr, code := y.stop(t, 0)
	if code != 0 || !strings.Contains(stderr, "found leftovers of xdpdump pid") || !strings.Contains(stderr, "put back prog") {
		t.Fatalf("next start did not say it recovered (exit %d):\n%s", code, stderr)
	}
	if id, m := hookOf(t, &p.A); id != id0 || m != mode0 {
		t.Fatalf("after the next run: %d (%s), want %d (%s)", id, m, id0, mode0)
	}
}

func TestTwoInstances(t *testing.T) {
	for _, firstOut := range []bool{true, false} {
		t.Run(fmt.Sprintf("first-exits-first=%v", firstOut), func(t *testing.T) {
			p := testhost.New(t, testhost.Options{})
			warmARP(t, p)
			e := attachExisting(t, p, "xdpdrv")
			id0, mode0 := hookOf(t, &p.A)
			f1, f2 := filepath.Join(t.TempDir(), "1.pcapng"), filepath.Join(t.TempDir(), "2.pcapng")
			x1 := start(t, &p.A, nil, "-i", p.A.Dev, "-w", f1, "udp")
			x2 := start(t, &p.A, nil, "-i", p.A.Dev, "-w", f2, "udp")
			_, d0, _ := e.counts(t)
			sendUDP(t, p, 9, 8, 20)
			time.Sleep(200 * time.Millisecond)
			a, b := x1, x2
			if !firstOut {
				a, b = x2, x1
			}
			if _, code := a.stop(t, 0); code != 0 {
				t.Fatalf("first exit: %d\n%s", code, a.stderr.String())
			}
			sendUDP(t, p, 9, 4, 20)
			time.Sleep(200 * time.Millisecond)
			if _, code := b.stop(t, 0); code != 0 {
				t.Fatalf("second exit: %d\n%s", code, b.stderr.String())
			}
			if _, d1, _ := e.counts(t); d1-d0 != 12 {
				t.Fatalf("existing program saw %d of 12 datagrams", d1-d0)
			}
			if id, m := hookOf(t, &p.A); id != id0 || m != mode0 {
				t.Fatalf("at the end: %d (%s), want %d (%s)", id, m, id0, mode0)
			}
			n1, n2 := countPackets(t, f1, "udp"), countPackets(t, f2, "udp")
			want1, want2 := 12, 8 // x1 stays longer when x2 leaves first
			if firstOut {
				want1, want2 = 8, 12
			}
			if n1 != want1 || n2 != want2 {
				t.Fatalf("captured %d and %d, want %d and %d", n1, n2, want1, want2)
			}
			if left := pinsOf(t, &p.A); len(left) > 0 {
				t.Fatalf("pins left: %v", left)
			}
		})
	}
}

func TestListAndShow(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	e := attachExisting(t, p, "xdpgeneric")
	out, err := p.A.Run(binPath, "-D")
	if err != nil || !strings.Contains(out, p.A.Dev) || !strings.Contains(out, fmt.Sprintf("XDP prog %d", e.id)) || !strings.Contains(out, "generic") {
		t.Fatalf("-D: %v\n%s", err, out)
	}
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "s.pcapng"))
	out, err = p.A.Run(binPath, "chain", "-i", p.A.Dev)
	if err != nil {
		t.Fatalf("chain: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 || !strings.Contains(lines[1], "xdpdump") || !strings.Contains(lines[len(lines)-1], "original") ||
		!strings.Contains(lines[len(lines)-1], fmt.Sprintf("prog %d", e.id)) {
		t.Fatalf("chain -i shows:\n%s", out)
	}
	x.stop(t, 0)
}

// stageSeen reads the stage_seen counter of the chaintest stage program id.
func stageSeen(t *testing.T, id ebpf.ProgramID) uint64 {
	t.Helper()
	return testkit.Uint64s(t, testkit.ProgMap(t, id, "stage_seen"), 1)[0]
}

// A user's program put into the running chain as a stage, and taken out.
func TestChainInsertRemoveCLI(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	e := attachExisting(t, p, "xdpdrv")
	id0, mode0 := hookOf(t, &p.A)
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "i.pcapng"))
	obj, _ := filepath.Abs("../../internal/testkit/progs/chaintest_bpfel.o")
	out, err := p.A.Run(binPath, "chain", "-i", p.A.Dev, "--insert", obj+":chaintest_stage")
	if err != nil || !strings.Contains(out, "inserted in slot") {
		t.Fatalf("chain --insert: %v\n%s", err, out)
	}
	var stageID int
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, " stage ") {
			fmt.Sscanf(l[strings.Index(l, "prog "):], "prog %d", &stageID)
		}
	}
	if stageID == 0 {
		t.Fatalf("chain listing after --insert shows no stage:\n%s", out)
	}
	_, d0, _ := e.counts(t)
	sendUDP(t, p, 9, 6, 20)
	time.Sleep(100 * time.Millisecond)
	if n := stageSeen(t, ebpf.ProgramID(stageID)); n < 6 {
		t.Fatalf("the inserted stage saw %d of 6 datagrams", n)
	}
	if _, d1, _ := e.counts(t); d1-d0 != 6 {
		t.Fatalf("behind the inserted stage the existing program saw %d of 6", d1-d0)
	}
	out, err = p.A.Run(binPath, "chain", "-i", p.A.Dev, "--remove", fmt.Sprint(stageID))
	if err != nil || strings.Contains(out, " stage ") {
		t.Fatalf("chain --remove: %v\n%s", err, out)
	}
	// Out of the chain, the stage is unloaded (nothing holds it any more).
	if prog, err := ebpf.NewProgramFromID(ebpf.ProgramID(stageID)); err == nil {
		prog.Close()
		t.Fatalf("removed stage prog %d is still loaded", stageID)
	}
	sendUDP(t, p, 9, 4, 20)
	time.Sleep(100 * time.Millisecond)
	if _, d2, _ := e.counts(t); d2-d0 != 10 {
		t.Fatalf("after --remove the existing program saw %d of 10", d2-d0)
	}
	if _, code := x.stop(t, 0); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if id, m := hookOf(t, &p.A); id != id0 || m != mode0 {
		t.Fatalf("at the end: %d (%s), want %d (%s)", id, m, id0, mode0)
	}
}

// With --bounce the chain shows capture → bounce → the original, in the
// order packets run through it.
func TestChainShowsBounceStage(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	e := attachExisting(t, p, "xdpgeneric")
	x := start(t, &p.A, nil, "--bounce", "-i", p.A.Dev, "-w", filepath.Join(t.TempDir(), "b.pcapng"), "tcp")
	out, err := p.A.Run(binPath, "chain", "-i", p.A.Dev)
	if err != nil {
		t.Fatalf("chain: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 ||
		!strings.Contains(lines[1], "hook") || !strings.Contains(lines[1], "xdpdump_capture") ||
		!strings.Contains(lines[2], "slot 1") || !strings.Contains(lines[2], "xdpdump_bounce") ||
		!strings.Contains(lines[3], "original") || !strings.Contains(lines[3], fmt.Sprintf("prog %d", e.id)) {
		t.Fatalf("chain -i with --bounce:\n%s", out)
	}
	x.stop(t, 0)
}
