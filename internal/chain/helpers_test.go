package chain

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/link"
	"github.com/cilium/ebpf/ringbuf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
	"github.com/xdpdump/xdpdump/internal/testkit/progs"
)

const (
	streamPort = 7000
	dropPort   = 9
	markSent   = 'a' // first payload byte the test sends
	markRewr   = 'R' // what chaintest rewrites it to (CHAINTEST_MARK)
)

// TestMain doubles as the child process of the crash tests: with
// CHAIN_CHILD set it attaches a capture stage in front of CHAIN_IFINDEX
// (it runs inside the namespace through nsenter), says "attached <id>" and
// waits to be killed.
func TestMain(m *testing.M) {
	if os.Getenv("CHAIN_CHILD") != "" {
		os.Exit(child())
	}
	os.Exit(m.Run())
}

func child() int {
	ifindex, _ := strconv.Atoi(os.Getenv("CHAIN_IFINDEX"))
	var stage *capture.Stage
	c, err := Attach(ifindex, func(m *ebpf.Map, v Variant) (*ebpf.Program, error) {
		var err error
		stage, err = capture.Load(capture.Config{Filter: "udp", Frags: v.Frags, AttachType: &v.AttachType, Chain: m, RingSize: 1 << 20})
		if err != nil {
			return nil, err
		}
		return stage.Program(), nil
	}, Options{Log: func(s string) { fmt.Fprintln(os.Stderr, s) }})
	if err != nil {
		fmt.Printf("error %v\n", err)
		return 1
	}
	fmt.Printf("attached %d\n", c.ProgramID())
	select {}
}

// startChild runs the child in h's namespace and waits until it attached.
func startChild(t *testing.T, h testhost.Host) (*exec.Cmd, ebpf.ProgramID) {
	t.Helper()
	cmd := h.Cmd(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CHAIN_CHILD=1", fmt.Sprintf("CHAIN_IFINDEX=%d", h.Ifindex))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("child: %v", err)
	}
	f := strings.Fields(line)
	if len(f) != 2 || f[0] != "attached" {
		t.Fatalf("child: %s", line)
	}
	id, _ := strconv.Atoi(f[1])
	return cmd, ebpf.ProgramID(id)
}

// existing is the stand-in program that was on the device before xdpdump.
type existing struct {
	objs  progs.ChaintestObjects
	prog  *ebpf.Program
	id    ebpf.ProgramID
	link  link.Link
	how   string
	frags bool
	host  testhost.Host
}

// attachExisting loads chaintest and attaches it to h: how is "native",
// "generic" (netlink) or "link" (bpf_link, driver default mode).
func attachExisting(t *testing.T, h testhost.Host, how string, frags bool) *existing {
	t.Helper()
	e := &existing{how: how, frags: frags, host: h}
	if err := progs.LoadChaintestObjects(&e.objs, nil); err != nil {
		t.Fatalf("loading chaintest: %+v", err)
	}
	t.Cleanup(func() { e.objs.Close() })
	e.prog = e.objs.ChaintestXdp
	if frags {
		e.prog = e.objs.ChaintestFrags
	}
	info, err := e.prog.Info()
	if err != nil {
		t.Fatal(err)
	}
	e.id, _ = info.ID()
	err = h.Do(func() error {
		switch how {
		case "native", "generic":
			nl, err := newNL()
			if err != nil {
				return err
			}
			defer nl.Close()
			mode := ModeNative
			if how == "generic" {
				mode = ModeGeneric
			}
			return nl.setXDP(h.Ifindex, e.prog.FD(), mode.flags()|unix.XDP_FLAGS_UPDATE_IF_NOEXIST, 0)
		case "link":
			l, err := link.AttachXDP(link.XDPOptions{Program: e.prog, Interface: h.Ifindex})
			if err != nil {
				return err
			}
			e.link = l
			t.Cleanup(func() { l.Close() })
			return nil
		}
		return fmt.Errorf("unknown attach %q", how)
	})
	if err != nil {
		t.Fatalf("attaching chaintest (%s): %v", how, err)
	}
	return e
}

func (e *existing) counters(t *testing.T) (other, drop, rewrite uint64) {
	t.Helper()
	v := testkit.Uint64s(t, e.objs.Verdicts, 3)
	return v[0], v[1], v[2]
}

func inspectIn(t *testing.T, h testhost.Host) *Current {
	t.Helper()
	var cur *Current
	if err := h.Do(func() (err error) { cur, err = Inspect(h.Ifindex); return }); err != nil {
		t.Fatalf("Inspect: %v", err)
	}
	return cur
}

// checkRestored asserts that e is on the hook exactly as it was attached.
func (e *existing) checkRestored(t *testing.T) {
	t.Helper()
	cur := inspectIn(t, e.host)
	if cur.ProgID != e.id {
		t.Fatalf("hook holds %s, want the original prog %d", cur, e.id)
	}
	want := ModeNative
	if e.how == "generic" {
		want = ModeGeneric
	}
	if cur.Mode != want {
		t.Errorf("mode %s, want %s", cur.Mode, want)
	}
	if e.link != nil {
		info, err := e.link.Info()
		if err != nil {
			t.Fatal(err)
		}
		if cur.LinkID != info.ID {
			t.Errorf("owner %s, want bpf_link %d", cur.Owner(), info.ID)
		}
		if info.Program != e.id {
			t.Errorf("the original link holds prog %d, want %d", info.Program, e.id)
		}
	} else if cur.LinkID != 0 {
		t.Errorf("owner %s, want netlink", cur.Owner())
	}
}

// checkNoPins asserts that no pins are left for h's device.
func checkNoPins(t *testing.T, h testhost.Host) {
	t.Helper()
	var dir string
	h.Do(func() error {
		ns, err := netnsIno()
		dir = ifaceDir(ns, h.Ifindex)
		return err
	})
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		ents, _ := os.ReadDir(dir)
		t.Errorf("pins left in %s: %v (err %v)", dir, ents, err)
	}
}

// stage is a capture stage loaded by a Loader, for the test to read.
type stage struct {
	st     *capture.Stage
	filter string
}

func (s *stage) loader(t *testing.T) Loader {
	return func(m *ebpf.Map, v Variant) (*ebpf.Program, error) {
		st, err := capture.Load(capture.Config{Filter: s.filter, Frags: v.Frags, AttachType: &v.AttachType, Chain: m, RingSize: 1 << 22})
		if err != nil {
			return nil, err
		}
		s.st = st
		t.Cleanup(func() { st.Close() })
		return st.Program(), nil
	}
}

func attachIn(t *testing.T, h testhost.Host, s *stage) *Chain {
	t.Helper()
	var c *Chain
	err := h.Do(func() (err error) {
		c, err = Attach(h.Ifindex, s.loader(t), Options{Log: func(l string) { t.Log(l) }})
		return
	})
	if err != nil {
		t.Fatalf("Attach: %+v", err)
	}
	t.Cleanup(func() { c.Detach() })
	return c
}

// captured is one ring record: the UDP datagram as the capture saw it.
type captured struct {
	origLen int
	dport   int
	payload []byte
}

// drainRing reads what the stage captured until stop says enough (or the
// deadline passes).
func drainRing(t *testing.T, s *stage, timeout time.Duration, enough func([]captured) bool) []captured {
	t.Helper()
	rd, err := ringbuf.NewReader(s.st.Ring())
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var out []captured
	deadline := time.Now().Add(timeout)
	for !enough(out) && time.Now().Before(deadline) {
		rd.SetDeadline(time.Now().Add(200 * time.Millisecond))
		rec, err := rd.Read()
		if err != nil {
			continue
		}
		b := rec.RawSample
		if len(b) < 48 {
			t.Fatalf("short record %d", len(b))
		}
		origLen := int(binary.LittleEndian.Uint32(b[8:]))
		capLen := int(binary.LittleEndian.Uint32(b[12:]))
		if capLen > len(b)-48 {
			t.Fatalf("record says cap_len %d but carries %d bytes", capLen, len(b)-48)
		}
		pkt := b[48 : 48+capLen] // a record may be padded beyond cap_len
		// Ethernet + IPv4 (no options in these tests) + UDP.
		if len(pkt) < 42 || pkt[12] != 0x08 || pkt[13] != 0 || pkt[23] != unix.IPPROTO_UDP {
			continue
		}
		ihl := int(pkt[14]&0xf) * 4
		udp := pkt[14+ihl:]
		out = append(out, captured{origLen: origLen, dport: int(binary.BigEndian.Uint16(udp[2:])), payload: udp[8:]})
	}
	return out
}

// stream is a numbered UDP stream from B to A's streamPort, and A's
// receiver of it.
type stream struct {
	t        *testing.T
	mu       sync.Mutex
	got      map[uint32][]byte // seq -> first bytes of payload
	sent     uint32
	size     int
	stop     chan struct{}
	sendDone chan struct{}
	conn     *net.UDPConn
}

func startStream(t *testing.T, p *testhost.Pair, size int, gap time.Duration) *stream {
	t.Helper()
	s := &stream{t: t, got: map[uint32][]byte{}, size: size, stop: make(chan struct{}), sendDone: make(chan struct{})}
	err := p.A.Do(func() (err error) {
		s.conn, err = net.ListenUDP("udp4", &net.UDPAddr{IP: p.A.IP4, Port: streamPort})
		if err == nil {
			s.conn.SetReadBuffer(8 << 20)
		}
		return
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.conn.Close() })
	go func() {
		buf := make([]byte, 65536)
		for {
			n, err := s.conn.Read(buf)
			if err != nil {
				return
			}
			if n < 5 {
				continue
			}
			seq := binary.BigEndian.Uint32(buf[1:])
			s.mu.Lock()
			s.got[seq] = append([]byte(nil), buf[:min(n, 8)]...)
			s.mu.Unlock()
		}
	}()
	// Resolve neighbours first so that no datagram waits on ARP.
	p.MustRun(&p.B, "ping", "-c", "1", "-W", "5", p.A.IP4.String())
	go func() {
		defer close(s.sendDone)
		err := p.B.Do(func() error {
			c, err := net.DialUDP("udp4", nil, &net.UDPAddr{IP: p.A.IP4, Port: streamPort})
			if err != nil {
				return err
			}
			defer c.Close()
			pl := make([]byte, s.size)
			pl[0] = markSent
			for seq := uint32(0); ; seq++ {
				select {
				case <-s.stop:
					return nil
				default:
				}
				binary.BigEndian.PutUint32(pl[1:], seq)
				if _, err := c.Write(pl); err != nil {
					return err
				}
				s.mu.Lock()
				s.sent = seq + 1
				s.mu.Unlock()
				time.Sleep(gap)
			}
		})
		if err != nil {
			t.Errorf("stream sender: %v", err)
		}
	}()
	return s
}

func (s *stream) sentCount() uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent
}

// waitSent waits until at least n more datagrams were sent.
func (s *stream) waitSent(n uint32) {
	target := s.sentCount() + n
	deadline := time.Now().Add(30 * time.Second)
	for s.sentCount() < target && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
}

// finish stops the sender and checks that every datagram arrived,
// rewritten by the existing program. It returns how many were sent.
func (s *stream) finish() uint32 {
	t := s.t
	t.Helper()
	close(s.stop)
	<-s.sendDone
	sent := s.sentCount()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		s.mu.Lock()
		n := len(s.got)
		s.mu.Unlock()
		if n >= int(sent) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var missing []uint32
	for seq := uint32(0); seq < sent; seq++ {
		b, ok := s.got[seq]
		if !ok {
			missing = append(missing, seq)
			continue
		}
		if b[0] != markRewr {
			t.Errorf("datagram %d arrived with first byte %q, want %q (rewritten by the existing program)", seq, b[0], markRewr)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d datagrams lost, first %v", len(missing), sent, missing[:min(len(missing), 10)])
	}
	return sent
}

// sendDrop sends n datagrams from B to A's port 9, which the existing
// program drops.
func sendDrop(t *testing.T, p *testhost.Pair, n int) {
	t.Helper()
	err := p.B.Do(func() error {
		// Unconnected: ICMP port unreachable (when nothing drops these)
		// must not fail the next write.
		c, err := net.ListenUDP("udp4", &net.UDPAddr{IP: p.B.IP4})
		if err != nil {
			return err
		}
		defer c.Close()
		for i := 0; i < n; i++ {
			if _, err := c.WriteToUDP([]byte{markSent, 0, 0, 0, byte(i)}, &net.UDPAddr{IP: p.A.IP4, Port: dropPort}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
