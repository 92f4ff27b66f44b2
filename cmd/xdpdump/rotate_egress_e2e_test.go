package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/internal/testhost"
)

// TestRotateCarriesEgressCounters: with -Q inout -G 1, every rotated file's
// statistics block counts what both hooks saw in its period: the pings'
// requests arrive at XDP, their replies leave through TC egress, and each
// file's isb_ifrecv covers both (XDP alone would be about half of what the
// file holds).
func TestRotateCarriesEgressCounters(t *testing.T) {
	needTcpdump(t)
	p := testhost.New(t, testhost.Options{})
	warmARP(t, p)
	dir := t.TempDir()
	x := start(t, &p.A, nil, "-i", p.A.Dev, "-Q", "inout", "-G", "1", "-w", filepath.Join(dir, "g-%H%M%S.pcapng"), "icmp")
	p.MustRun(&p.B, "ping", "-c", "60", "-i", "0.05", "-W", "1", p.A.IP4.String())
	if stderr, code := x.stop(t, 0); code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	names := listDir(t, dir)
	if len(names) < 2 {
		t.Fatalf("files %v: want at least two", names)
	}
	total, totalRecv := 0, uint64(0)
	for _, n := range names {
		name := filepath.Join(dir, n)
		pkts, in, out, recv := 0, 0, 0, uint64(0)
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		r, err := pcapgo.NewNgReader(f, pcapgo.NgReaderOptions{StatisticsCallback: func(_ int, s pcapgo.NgInterfaceStatistics) {
			recv += s.PacketsReceived
		}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for {
			_, _, opts, err := r.ReadPacketDataWithOptions()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			pkts++
			if opts.Flags != nil && opts.Flags.Direction == 2 {
				out++
			} else {
				in++
			}
		}
		f.Close()
		if c := tcpdumpCount(t, name); c != pkts {
			t.Fatalf("%s: tcpdump reads %d packets, pcapgo %d", name, c, pkts)
		}
		total += pkts
		totalRecv += recv
		if pkts < 20 {
			// A short first or last file (a full one holds about 40):
			// too few for the ratio; the total below still counts it.
			continue
		}
		// A packet counted by the kernel near a boundary may land in the
		// next file: a little slack, far from the half that XDP alone
		// would give.
		if recv*4 < uint64(pkts)*3 || out == 0 {
			t.Errorf("%s holds %d packets (%d in, %d out) but its statistics block received %d: egress counters missing", n, pkts, in, out, recv)
		}
	}
	if totalRecv*20 < uint64(total)*19 {
		t.Errorf("the files hold %d packets, their statistics blocks received %d: egress counters missing", total, totalRecv)
	}
	if total != 120 {
		t.Fatalf("the files hold %d packets, want 60 requests and 60 replies (%s)", total, strings.Join(names, " "))
	}
}
