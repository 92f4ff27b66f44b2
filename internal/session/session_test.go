package session

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/internal/testkit"
	"github.com/xdpdump/xdpdump/pcapout"
)

// TestCaptureBothDirections runs a whole session in-process: pings cross
// the veth, every request is captured inbound at XDP and every reply
// outbound at TC egress, with one sequence of packet ids, into a pcapng
// file that pcapgo reads back with its statistics block.
func TestCaptureBothDirections(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	p.Resolve()
	var buf bytes.Buffer
	w, err := pcapout.NewWriter(&buf, pcapout.PcapNG, "session test")
	if err != nil {
		t.Fatal(err)
	}
	const pings = 5
	err = p.A.Do(func() error {
		s, err := Open(Config{
			Interfaces: []Interface{{Name: p.A.Dev, Index: p.A.Ifindex}},
			Filter:     "icmp", Netmask: filter.LiveNetmask, Direction: InOut, Immediate: true,
		})
		if err != nil {
			return err
		}
		defer s.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		go p.MustRun(&p.B, "ping", "-c", "5", "-i", "0.1", "-W", "1", p.A.IP4.String())
		return s.Run(ctx, w, RunOptions{Count: 2 * pings})
	})
	if err != nil {
		t.Fatal(err)
	}
	var stats []pcapgo.NgInterfaceStatistics
	r, err := pcapgo.NewNgReader(&buf, pcapgo.NgReaderOptions{StatisticsCallback: func(_ int, s pcapgo.NgInterfaceStatistics) {
		stats = append(stats, s)
	}})
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[layers.ICMPv4TypeCode]uint32{}
	ids := map[uint64]bool{}
	for {
		data, _, opts, err := r.ReadPacketDataWithOptions()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(data) < 14+20+8 {
			t.Fatalf("short frame %x", data)
		}
		typ := layers.CreateICMPv4TypeCode(data[34], data[35])
		if opts.Flags == nil || opts.PacketID == nil {
			t.Fatalf("packet without direction or id: %+v", opts)
		}
		dirs[typ] |= 1 << opts.Flags.Direction
		ids[*opts.PacketID] = true
	}
	req, rep := layers.CreateICMPv4TypeCode(8, 0), layers.CreateICMPv4TypeCode(0, 0)
	if dirs[req] != 1<<pcapout.Inbound || dirs[rep] != 1<<pcapout.Outbound {
		t.Fatalf("directions by type: %v; want requests inbound only, replies outbound only", dirs)
	}
	if len(ids) != 2*pings {
		t.Fatalf("%d distinct packet ids for %d packets", len(ids), 2*pings)
	}
	if len(stats) != 1 || stats[0].PacketsReceived < 2*pings {
		t.Fatalf("statistics blocks %+v: want one with at least %d packets received (XDP and egress)", stats, 2*pings)
	}
}

// TestDeadmanStopsBounce: a session with --bounce answers SYNs on a port
// nobody listens on; once its heartbeat stops (as when its process is
// killed) the bounce stage stops answering within the dead-man interval,
// with nobody cleaning up: the kernel refuses the connection again.
func TestDeadmanStopsBounce(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	p.Resolve()
	// XDP_TX frames reach B's veth only when it runs an XDP program.
	testkit.PassXDP(t, p.B)
	dial := func() error {
		return p.B.Do(func() error {
			c, err := net.DialTimeout("tcp4", net.JoinHostPort(p.A.IP4.String(), "4444"), time.Second)
			if err == nil {
				c.Close()
			}
			return err
		})
	}
	if err := dial(); err == nil {
		t.Fatal("a connection to port 4444 succeeded before xdpdump ran: something listens")
	}
	var s *Session
	if err := p.A.Do(func() (err error) {
		s, err = Open(Config{
			Interfaces: []Interface{{Name: p.A.Dev, Index: p.A.Ifindex}},
			NoCapture:  true, Bounce: &Bounce{}, Deadman: time.Second,
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		p.A.Do(s.Detach)
		s.Close()
	}()
	if err := dial(); err != nil {
		t.Fatalf("with --bounce, a connection to a closed port: %v", err)
	}
	s.stopHeartbeat()
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := dial()
		if err != nil && strings.Contains(err.Error(), "refused") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("5 s after the heartbeat stopped, the bounce stage still answers (last dial: %v)", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if c := Total(s.Counters()); c.Bounce.Dead == 0 {
		t.Fatalf("bounce counters %+v: no packet passed as dead", c.Bounce)
	}
}
