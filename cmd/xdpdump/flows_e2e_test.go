package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

func TestFlowsJSON(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	var out syncBuf
	x := start(t, &p.A, &out, "--flows", "--flows-json", "-Q", "inout", "-i", p.A.Dev, "udp")
	// Five flows from B, each with its own source port and count.
	want := map[int]int{}
	err := p.B.Do(func() error {
		for i := 0; i < 5; i++ {
			c, err := net.ListenPacket("udp4", fmt.Sprintf(":%d", 40000+i))
			if err != nil {
				return err
			}
			for n := 0; n <= i; n++ {
				if _, err := c.WriteTo(make([]byte, 100), &net.UDPAddr{IP: p.A.IP4, Port: 6000}); err != nil {
					return err
				}
			}
			want[40000+i] = i + 1
			c.Close()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Wait for a JSON frame that holds the sent counts, then stop.
	deadline := time.Now().Add(10 * time.Second)
	var last map[int]uint64
	for time.Now().Before(deadline) {
		time.Sleep(300 * time.Millisecond)
		last = map[int]uint64{}
		sc := bufio.NewScanner(bytes.NewReader([]byte(out.String())))
		for sc.Scan() {
			var f struct {
				Ifname  string `json:"ifname"`
				Dir     string `json:"dir"`
				Src     string `json:"src"`
				Sport   int    `json:"sport"`
				Dport   int    `json:"dport"`
				Packets uint64 `json:"packets"`
				Bytes   uint64 `json:"bytes"`
			}
			if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
				t.Fatalf("--flows-json line %q: %v", sc.Text(), err)
			}
			if f.Src == p.B.IP4.String() && f.Dport == 6000 {
				if f.Ifname != p.A.Dev {
					t.Fatalf("--flows-json ifname %q, want %s", f.Ifname, p.A.Dev)
				}
				last[f.Sport] = f.Packets
				if f.Bytes != f.Packets*142 {
					t.Fatalf("flow %d: %d bytes for %d packets of 142", f.Sport, f.Bytes, f.Packets)
				}
			}
		}
		if len(last) == 5 && last[40004] == 5 {
			break
		}
	}
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	for port, n := range want {
		if last[port] != uint64(n) {
			t.Fatalf("flow from port %d: %d packets counted, %d sent (all: %v)", port, last[port], n, last)
		}
	}
	if s := xdpState(t, &p.A); s != "none" {
		t.Fatalf("XDP hook not left as found: %s", s)
	}
}

func TestFlowsTableAtExit(t *testing.T) {
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	var out syncBuf
	x := start(t, &p.A, &out, "--flows", "-i", p.A.Dev)
	p.MustRun(&p.B, "ping", "-c", "3", "-i", "0.2", p.A.IP4.String())
	stderr, code := x.stop(t, 0)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	table := out.String()
	if !strings.Contains(table, p.B.IP4.String()) || !strings.Contains(table, p.A.IP4.String()) {
		t.Fatalf("final table lacks the ping flow:\n%s", table)
	}
	// Not a terminal: plain lines, no screen control.
	if strings.Contains(table, "\x1b") {
		t.Fatalf("escape sequences written to a pipe:\n%q", table)
	}
}
