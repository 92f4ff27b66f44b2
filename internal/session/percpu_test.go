// A whole session with a ring per CPU (Config.RingPerCPU).
package session

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/gopacket/gopacket/pcapgo"

	"github.com/xdpdump/xdpdump/filter"
	"github.com/xdpdump/xdpdump/internal/testhost"
	"github.com/xdpdump/xdpdump/pcapout"
)

// TestRingPerCPU captures pings sent from two CPUs at once (ping pinned
// with taskset; a veth receives on the sending CPU) with a ring per CPU:
// the file must hold every echo request each ping says it sent, once,
// and the packet ids must show both CPUs' rings were written.
func TestRingPerCPU(t *testing.T) {
	if runtime.NumCPU() < 2 {
		t.Skip("needs two CPUs")
	}
	p := testhost.New(t, testhost.Options{})
	p.Resolve()
	var buf bytes.Buffer
	w, err := pcapout.NewWriter(&buf, pcapout.PcapNG, "session test")
	if err != nil {
		t.Fatal(err)
	}
	const pings = 20
	var outs [2]string
	err = p.A.Do(func() error {
		s, err := Open(Config{
			Interfaces: []Interface{{Name: p.A.Dev, Index: p.A.Ifindex}},
			Filter:     "icmp[icmptype] == icmp-echo", Netmask: filter.LiveNetmask, Immediate: true,
			RingPerCPU: true,
		})
		if err != nil {
			return err
		}
		defer s.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		var wg sync.WaitGroup
		for cpu := 0; cpu < 2; cpu++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				outs[cpu] = p.MustRun(&p.B, "taskset", "-c", fmt.Sprint(cpu), "ping", "-c", fmt.Sprint(pings), "-i", "0.01", "-W", "1", p.A.IP4.String())
			}()
		}
		err = s.Run(ctx, w, RunOptions{Count: 2 * pings})
		wg.Wait()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for cpu, out := range outs {
		if !strings.Contains(out, fmt.Sprintf("%d packets transmitted", pings)) {
			t.Fatalf("ping on CPU %d: %s", cpu, out)
		}
	}
	r, err := pcapgo.NewNgReader(&buf, pcapgo.DefaultNgReaderOptions)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[[2]uint16]int{} // (ICMP id, seq) -> records
	cpus := map[uint64]bool{}
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		t.Fatal(err)
	}
	for {
		data, _, opts, err := r.ReadPacketDataWithOptions()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if len(data) < 14+20+8 || data[34] != 8 {
			t.Fatalf("not an echo request: %x", data)
		}
		seen[[2]uint16{binary.BigEndian.Uint16(data[38:]), binary.BigEndian.Uint16(data[40:])}]++
		if opts.PacketID == nil {
			t.Fatal("packet without an id")
		}
		cpus[(*opts.PacketID-1)%uint64(ncpu)] = true
	}
	if len(seen) != 2*pings {
		t.Fatalf("%d distinct echo requests in the file, want %d", len(seen), 2*pings)
	}
	for k, n := range seen {
		if n != 1 {
			t.Fatalf("echo request %v written %d times", k, n)
		}
	}
	if len(cpus) < 2 {
		t.Fatalf("records from CPUs %v only: the pings ran on two", cpus)
	}
}
