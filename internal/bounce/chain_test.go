package bounce

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/ringbuf"

	"github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/testkit"
)

// TestBehindCapture puts the stage where xdpdump puts it: the capture
// stage tail-calls it from the shared chain (slot 1), it tail-calls slot 0
// and records its answers in the capture's ring. A SYN run through the
// capture program yields XDP_TX and two records: the SYN (XDP hook) and
// the SYN-ACK (XDP_TX hook, verdict XDP_TX). A UDP frame reaches slot 0.
func TestBehindCapture(t *testing.T) {
	for _, frags := range []bool{false, true} {
		spec := testkit.StageSpec(t, bpf.LoadCapture)
		if err := spec.Variables["next_slot"].Set(uint32(1)); err != nil {
			t.Fatal(err)
		}
		name := "xdpdump_capture"
		if frags {
			name = "xdpdump_capture_frags"
		}
		// One variant per chain: a prog array takes the frags flag of the
		// first program that uses it.
		for n := range spec.Programs {
			if n != name {
				delete(spec.Programs, n)
			}
		}
		coll, err := ebpf.NewCollection(spec)
		if err != nil {
			t.Fatalf("loading capture: %v", err)
		}
		defer coll.Close()
		capProg := coll.Programs[name]
		objs := struct{ Ring, Chain *ebpf.Map }{coll.Maps["ring"], coll.Maps["chain"]}

		b := load(t, Config{Chain: objs.Chain, Ring: objs.Ring, NextSlot: 0, Frags: frags, RecordTX: true, Key: testKey})
		if err := objs.Chain.Update(uint32(1), b.Program(), ebpf.UpdateAny); err != nil {
			t.Fatalf("%s: bounce into slot 1: %v", name, err)
		}
		counter, count := counterProg(t, frags)
		if err := objs.Chain.Update(uint32(0), counter, ebpf.UpdateAny); err != nil {
			t.Fatalf("%s: counter into slot 0: %v", name, err)
		}

		rd, err := ringbuf.NewReader(objs.Ring)
		if err != nil {
			t.Fatal(err)
		}
		defer rd.Close()

		s := syn(true, 50000, 22)
		in := s.frame(t)
		opts := &ebpf.RunOptions{Data: in, DataOut: make([]byte, 512)}
		ret, err := capProg.Run(opts)
		if err != nil || ret != xdpTX {
			t.Fatalf("%s: SYN: %v, verdict %d", name, err, ret)
		}
		checkAnswer(t, s, opts.DataOut)
		for i, want := range []struct {
			hook, verdict uint16
			data          []byte
		}{{0, xdpPass, in}, {2, xdpTX, opts.DataOut}} {
			rd.SetDeadline(time.Now().Add(5 * time.Second))
			rec, err := rd.Read()
			if err != nil {
				t.Fatalf("%s: record %d: %v", name, i, err)
			}
			r := rec.RawSample
			capLen := binary.LittleEndian.Uint32(r[12:])
			hook := binary.LittleEndian.Uint16(r[24:])
			verdict := binary.LittleEndian.Uint16(r[26:])
			if hook != want.hook || verdict != want.verdict || !bytes.Equal(r[48:48+capLen], want.data) {
				t.Errorf("%s: record %d: hook %d verdict %d, %d bytes", name, i, hook, verdict, capLen)
			}
		}
		rd.SetDeadline(time.Now().Add(100 * time.Millisecond))
		if _, err := rd.Read(); !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Errorf("%s: a third record: %v", name, err)
		}

		udp := syn(false, 1, 2).frame(t)
		udp[14+9] = 17
		if ret, err := capProg.Run(&ebpf.RunOptions{Data: udp}); err != nil || ret != xdpPass {
			t.Fatalf("%s: UDP: %v, verdict %d", name, err, ret)
		}
		if c := readCounter(t, count); c != 1 {
			t.Errorf("%s: slot 0 counted %d packets after one UDP frame", name, c)
		}
		if st := mustStats(t, b); st.Answered != 1 || st.Passed != 1 || st.TXRecorded != 1 {
			t.Errorf("%s: stats %s", name, describe(st))
		}
	}
}
