package trafficgen

import (
	"context"
	"encoding/binary"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

func testConfig() Config {
	return Config{
		Ifindex: 3,
		SrcMAC:  net.HardwareAddr{2, 0, 0, 0, 0, 2},
		DstMAC:  net.HardwareAddr{2, 0, 0, 0, 0, 1},
		SrcIP:   net.ParseIP("198.18.0.2"),
		DstIP:   net.ParseIP("198.18.0.1"),
		Size:    64,
		Count:   10,
		RunID:   0xabcd,
	}
}

func TestFrame(t *testing.T) {
	c := testConfig()
	f, err := Frame(c)
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 64 {
		t.Fatalf("frame is %d bytes, want 64", len(f))
	}
	if IPv4Checksum(f[14:34]) != 0 {
		t.Errorf("IPv4 header checksum does not verify")
	}
	if got := binary.BigEndian.Uint16(f[16:]); got != 50 {
		t.Errorf("IPv4 total length %d, want 50", got)
	}
	if got := binary.BigEndian.Uint16(f[38:]); got != 30 {
		t.Errorf("UDP length %d, want 30", got)
	}
	if got := binary.BigEndian.Uint16(f[36:]); got != DefaultDstPort {
		t.Errorf("UDP destination port %d, want %d", got, DefaultDstPort)
	}
	id, seq, ok := Parse(f)
	if !ok || id != 0xabcd || seq != 0 {
		t.Errorf("Parse = %#x, %d, %v; want 0xabcd, 0, true", id, seq, ok)
	}
	f[HeaderOffset] ^= 1
	if _, _, ok := Parse(f); ok {
		t.Errorf("Parse accepted a frame with a wrong magic")
	}
	if _, _, ok := Parse(f[:20]); ok {
		t.Errorf("Parse accepted a short frame")
	}
}

func TestBadConfig(t *testing.T) {
	for name, mod := range map[string]func(*Config){
		"no device":   func(c *Config) { c.Ifindex = 0 },
		"short MAC":   func(c *Config) { c.SrcMAC = c.SrcMAC[:4] },
		"IPv6":        func(c *Config) { c.DstIP = net.ParseIP("2001:db8::1") },
		"small":       func(c *Config) { c.Size = MinSize - 1 },
		"large":       func(c *Config) { c.Size = MaxSize + 1 },
		"unbounded":   func(c *Config) { c.Count = 0 },
		"ports":       func(c *Config) { c.SrcPorts = 3 },
		"absurd rate": func(c *Config) { c.Rate = 2e9 },
	} {
		c := testConfig()
		mod(&c)
		if _, err := Frame(c); err == nil || !strings.HasPrefix(err.Error(), "trafficgen: ") {
			t.Errorf("%s: Frame error = %v, want a trafficgen error", name, err)
		}
		if _, err := New(c); err == nil {
			t.Errorf("%s: New accepted the config", name)
		}
	}
}

// receiver counts the generator's frames arriving at a device with a packet
// socket opened in the device's namespace.
type receiver struct {
	fd     int
	mu     sync.Mutex
	n      uint64 // generator frames of runID seen
	next   uint64 // sequence number expected next
	errs   []string
	ports  map[uint16]bool
	sizes  map[int]uint64
	runID  uint32
	others int
	done   chan struct{}
}

func listen(t *testing.T, h testhost.Host, runID uint32) *receiver {
	t.Helper()
	r := &receiver{runID: runID, ports: map[uint16]bool{}, sizes: map[int]uint64{}, done: make(chan struct{})}
	err := h.Do(func() error {
		proto := int(htons(unix.ETH_P_ALL))
		fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, proto)
		if err != nil {
			return err
		}
		r.fd = fd
		if err := unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, 64<<20); err != nil {
			return err
		}
		tv := unix.Timeval{Usec: 100_000}
		if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
			return err
		}
		return unix.Bind(fd, &unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: h.Ifindex})
	})
	if err != nil {
		t.Fatalf("packet socket in %s: %v", h.NS, err)
	}
	go r.loop()
	t.Cleanup(func() {
		r.stop()
	})
	return r
}

func (r *receiver) loop() {
	buf := make([]byte, 65536)
	for {
		select {
		case <-r.done:
			return
		default:
		}
		n, from, err := unix.Recvfrom(r.fd, buf, 0)
		if errors.Is(err, unix.EAGAIN) || errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			r.mu.Lock()
			r.errs = append(r.errs, err.Error())
			r.mu.Unlock()
			return
		}
		if ll, ok := from.(*unix.SockaddrLinklayer); ok && ll.Pkttype == unix.PACKET_OUTGOING {
			continue
		}
		id, seq, ok := Parse(buf[:n])
		r.mu.Lock()
		switch {
		case !ok || id != r.runID:
			r.others++
		default:
			if seq != r.next && len(r.errs) < 10 {
				r.errs = append(r.errs, "got sequence number "+itoa(seq)+", want "+itoa(r.next))
			}
			r.next = seq + 1
			r.n++
			r.ports[binary.BigEndian.Uint16(buf[SportOffset:])] = true
			r.sizes[n]++
		}
		r.mu.Unlock()
	}
}

func (r *receiver) stop() {
	select {
	case <-r.done:
	default:
		close(r.done)
		unix.Close(r.fd)
	}
}

func (r *receiver) count() uint64 {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n
}

func itoa(v uint64) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
		if v == 0 {
			return string(b[i:])
		}
	}
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func devStats(t *testing.T, h testhost.Host) DevStats {
	t.Helper()
	var s DevStats
	err := h.Do(func() error {
		var err error
		s, err = ReadDevStats(h.Dev)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// quietPair makes a pair on which only the generator sends (see Prepare).
func quietPair(t *testing.T) *testhost.Pair { return quietPairMTU(t, 0) }

func quietPairMTU(t *testing.T, mtu int) *testhost.Pair {
	p := testhost.New(t, testhost.Options{MTU: mtu})
	sink, err := Prepare(p)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sink.Close() })
	return p
}

func pairConfig(p *testhost.Pair) Config {
	return Config{
		Ifindex: p.B.Ifindex,
		SrcMAC:  p.B.MAC, DstMAC: p.A.MAC,
		SrcIP: p.B.IP4, DstIP: p.A.IP4,
		Size: 64,
	}
}

// TestDelivery sends 10,000 numbered frames from B to A at a moderate rate
// and finds every one of them, in order, at A: in A's receive counter and
// on a packet socket.
func TestDelivery(t *testing.T) {
	p := quietPair(t)
	const n = 10_000
	c := pairConfig(p)
	c.Count, c.Rate, c.RunID = n, 50_000, 0x7e57
	c.SrcPorts = 64
	rx := listen(t, p.A, c.RunID)
	before := devStats(t, p.A)

	var res Result
	err := p.B.Do(func() error {
		var err error
		res, err = Run(c)
		return err
	})
	if err != nil {
		t.Fatalf("%+v", err)
	}
	t.Logf("sent %d in %v, active %v (%.0f frames/s, %d syscalls, %d polls)", res.Sent, res.Elapsed, res.Active, res.Rate(), res.Syscalls, res.Polls)
	if res.Sent != n {
		t.Fatalf("generator sent %d frames, want %d", res.Sent, n)
	}

	deadline := time.Now().Add(20 * time.Second)
	for rx.count() < n && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(200 * time.Millisecond) // anything extra would show now
	after := devStats(t, p.A)
	rx.stop()

	if d := after.RxPackets - before.RxPackets; d != n {
		t.Errorf("A's rx_packets grew by %d, want %d (rx_dropped grew by %d)", d, n, after.RxDropped-before.RxDropped)
	}
	rx.mu.Lock()
	defer rx.mu.Unlock()
	if rx.n != n {
		t.Errorf("packet socket on A saw %d generator frames, want %d", rx.n, n)
	}
	if rx.next != n {
		t.Errorf("last sequence number seen %d, want %d", rx.next-1, n-1)
	}
	for _, e := range rx.errs {
		t.Error(e)
	}
	if len(rx.ports) != 64 {
		t.Errorf("frames came from %d source ports, want 64", len(rx.ports))
	}
	// The run took about n/rate seconds: pacing works. Not a speed
	// assertion: a loaded machine only makes a paced run longer.
	if min := time.Duration(n/c.Rate) * time.Second * 9 / 10; res.Active < min {
		t.Errorf("run took %v, paced at %d/s it cannot take less than %v", res.Active, c.Rate, min)
	}
}

// TestDurationAndCancel: an unbounded-count run ends after its Duration,
// and a run ends early when its context is cancelled.
func TestDurationAndCancel(t *testing.T) {
	p := quietPair(t)
	c := pairConfig(p)
	c.Rate, c.Duration = 10_000, 300*time.Millisecond
	var res Result
	err := p.B.Do(func() error {
		var err error
		res, err = Run(c)
		return err
	})
	if err != nil {
		t.Fatalf("%+v", err)
	}
	if res.Sent == 0 || res.Sent > 3_000+64 {
		t.Errorf("duration-bounded run: sent %d in %v, want a few thousand in at least %v", res.Sent, res.Elapsed, c.Duration)
	}

	c.Duration = time.Hour
	g, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		// Cancel once frames are flowing.
		for {
			if n, _ := g.Sent(); n > 100 {
				cancel()
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	err = p.B.Do(func() error {
		res, err = g.Run(ctx)
		return err
	})
	if err != nil {
		t.Fatalf("%+v", err)
	}
	if res.Sent <= 100 || res.Elapsed > 10*time.Minute {
		t.Errorf("cancelled run: sent %d in %v", res.Sent, res.Elapsed)
	}
}

// TestSizes sends frames of the smallest and largest sizes (and common
// ones between) and finds them whole at A.
func TestSizes(t *testing.T) {
	p := quietPairMTU(t, 9000)
	for i, size := range []int{MinSize, 64, 1514, MaxSize} {
		c := pairConfig(p)
		c.Size, c.Count, c.Rate, c.RunID = size, 100, 20_000, uint32(i+1)
		rx := listen(t, p.A, c.RunID)
		var res Result
		err := p.B.Do(func() error {
			var err error
			res, err = Run(c)
			return err
		})
		if err != nil {
			t.Fatalf("size %d: %+v", size, err)
		}
		deadline := time.Now().Add(20 * time.Second)
		for rx.count() < c.Count && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		rx.stop()
		rx.mu.Lock()
		if res.Sent != c.Count || rx.sizes[size] != c.Count || len(rx.sizes) != 1 {
			t.Errorf("size %d: sent %d, A saw frames of sizes %v; want %d of size %d", size, res.Sent, rx.sizes, c.Count, size)
		}
		rx.mu.Unlock()
	}
}

// TestWrongNamespace: B's ifindex used outside B's namespace (where it may
// name another device) is refused before anything is sent.
func TestWrongNamespace(t *testing.T) {
	p := quietPair(t)
	c := pairConfig(p)
	c.Count = 10
	err := p.A.Do(func() error {
		_, err := Run(c)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "network namespace") {
		t.Errorf("run from A's namespace with B's ifindex: %v, want a namespace error", err)
	}
	t.Log(err)
}
