package capture_test

import (
	"bytes"
	"testing"
	"time"
	"unsafe"

	"github.com/cilium/ebpf/link"

	xbpf "github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/capture"
	"github.com/xdpdump/xdpdump/internal/testhost"
)

func TestHeaderSize(t *testing.T) {
	if got := unsafe.Sizeof(xbpf.CaptureXdpdumpRecHdr{}); got != capture.HeaderSize {
		t.Fatalf("struct xdpdump_rec_hdr is %d bytes, the reader decodes %d", got, capture.HeaderSize)
	}
}

// attach loads a stage with expr and attaches it to A's veth.
func attach(t *testing.T, p *testhost.Pair, expr string, frags bool) *capture.Stage {
	t.Helper()
	st, err := capture.Load(capture.Config{Filter: expr, Frags: frags})
	if err != nil {
		t.Fatalf("load %q: %v", expr, err)
	}
	t.Cleanup(func() { st.Close() })
	err = p.A.Do(func() error {
		l, err := link.AttachXDP(link.XDPOptions{Program: st.Program(), Interface: p.A.Ifindex})
		if err != nil {
			return err
		}
		t.Cleanup(func() { l.Close() })
		return nil
	})
	if err != nil {
		t.Fatalf("attach: %v", err)
	}
	return st
}

func sendUDP(t *testing.T, p *testhost.Pair, port, n, size int) [][]byte {
	t.Helper()
	return p.SendUDP(port, n, size)
}

func readN(t *testing.T, st *capture.Stage, n int, wait time.Duration) []capture.Record {
	t.Helper()
	rd, err := capture.NewReader(st.Ring(), nil, 50*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	var out []capture.Record
	deadline := time.Now().Add(wait)
	for time.Now().Before(deadline) {
		var r capture.Record
		err := rd.Next(&r)
		if capture.IsTimeout(err) {
			if len(out) >= n {
				break
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		r.Data = append([]byte(nil), r.Data...)
		out = append(out, r)
	}
	return out
}

func TestCaptureUDPExact(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	st := attach(t, p, "udp and dst port 7777", true)
	// ARP first, so that it does not race the datagrams (and is filtered out).
	p.MustRun(&p.B, "ping", "-c", "1", "-W", "2", p.A.IP4.String())
	start := time.Now()
	sent := sendUDP(t, p, 7777, 50, 100)
	sendUDP(t, p, 7778, 5, 100) // filtered out
	end := time.Now()
	got := readN(t, st, len(sent), 5*time.Second)
	if len(got) != len(sent) {
		t.Fatalf("captured %d packets, sent %d", len(got), len(sent))
	}
	for i, r := range got {
		payload := r.Data[14+20+8:]
		if !bytes.Equal(payload, sent[i]) {
			t.Fatalf("packet %d: payload differs from what was sent", i)
		}
		if r.OrigLen != uint32(len(r.Data)) || r.OrigLen != 14+20+8+100 {
			t.Fatalf("packet %d: orig_len %d, captured %d", i, r.OrigLen, len(r.Data))
		}
		if r.Hook != capture.HookXDP || int(r.Ifindex) != p.A.Ifindex {
			t.Fatalf("packet %d: hook %d ifindex %d", i, r.Hook, r.Ifindex)
		}
		if r.Time().Before(start.Add(-time.Millisecond)) || r.Time().After(end.Add(time.Millisecond)) {
			t.Fatalf("packet %d: timestamp %v outside the capture window [%v, %v]", i, r.Time(), start, end)
		}
	}
	s, err := st.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if s.Matched != 50 || s.Captured != 50 || s.Lost != 0 || s.Seen < 55 {
		t.Fatalf("counters: %+v", s)
	}
}

func TestCaptureJumboWhole(t *testing.T) {
	p := testhost.New(t, testhost.Options{MTU: 9000})
	st := attach(t, p, "udp", true)
	p.MustRun(&p.B, "ping", "-c", "1", "-W", "2", p.A.IP4.String())
	sent := sendUDP(t, p, 9000, 3, 8900)
	got := readN(t, st, 3, 5*time.Second)
	if len(got) != 3 {
		t.Fatalf("captured %d jumbo packets, want 3", len(got))
	}
	for i, r := range got {
		if r.OrigLen != 14+20+8+8900 || len(r.Data) != int(r.OrigLen) {
			t.Fatalf("jumbo %d: orig_len %d, captured %d", i, r.OrigLen, len(r.Data))
		}
		if !bytes.Equal(r.Data[42:], sent[i]) {
			t.Fatalf("jumbo %d: bytes differ", i)
		}
	}
}

func TestSnaplenAndLenFilter(t *testing.T) {
	p := testhost.New(t, testhost.Options{MTU: 9000})
	st, err := capture.Load(capture.Config{Filter: "udp and greater 5000", Frags: true, Snaplen: 96})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = p.A.Do(func() error {
		l, err := link.AttachXDP(link.XDPOptions{Program: st.Program(), Interface: p.A.Ifindex})
		if err != nil {
			return err
		}
		t.Cleanup(func() { l.Close() })
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	p.MustRun(&p.B, "ping", "-c", "1", "-W", "2", p.A.IP4.String())
	sendUDP(t, p, 9001, 4, 8000) // multi-buffer frames: len must see all of them
	sendUDP(t, p, 9001, 4, 1000) // too small for the filter
	got := readN(t, st, 4, 5*time.Second)
	if len(got) != 4 {
		t.Fatalf("captured %d, want the 4 large frames", len(got))
	}
	for _, r := range got {
		if len(r.Data) != 96 || r.OrigLen != 8042 {
			t.Fatalf("snaplen 96: captured %d of %d", len(r.Data), r.OrigLen)
		}
	}
}
