package trafficgen

import (
	"fmt"
	"sort"

	"github.com/cilium/ebpf"
	"github.com/cilium/ebpf/asm"
)

// floor is what the kernel helpers every record of a capture needs cost
// by themselves (BPF_PROG_RUN on this machine, in this run): the clock,
// a ring reservation and its commit, the frame's bytes. No capture that
// writes a time-stamped record per packet into a BPF ring costs less.
type floor struct {
	clock, ring, all float64 // ns per packet over an empty XDP program
}

func (f *floor) String() string {
	return fmt.Sprintf("%.0f ns: bpf_ktime_get_ns %.0f, bpf_ringbuf_reserve + submit %.0f, the rest a 64-byte bpf_xdp_load_bytes (BPF_PROG_RUN of those calls alone, this run)",
		f.all, f.clock, f.ring)
}

// recordFloor is the floor measured at the start of BenchmarkCapture; nil
// if it could not be.
var recordFloor *floor

// floorProg is an XDP program that makes the calls of a record asked for
// and returns XDP_PASS.
func floorProg(rb *ebpf.Map, clock, ring bool) (*ebpf.Program, error) {
	in := asm.Instructions{asm.Mov.Reg(asm.R6, asm.R1), asm.Mov.Imm(asm.R7, 0)}
	if clock {
		in = append(in, asm.FnKtimeGetNs.Call(), asm.Mov.Reg(asm.R7, asm.R0))
	}
	if ring {
		in = append(in,
			asm.LoadMapPtr(asm.R1, rb.FD()), asm.Mov.Imm(asm.R2, 48+64), asm.Mov.Imm(asm.R3, 0),
			asm.FnRingbufReserve.Call(),
			asm.JEq.Imm(asm.R0, 0, "out"),
			asm.Mov.Reg(asm.R8, asm.R0),
			asm.StoreMem(asm.R8, 0, asm.R7, asm.DWord),
		)
		if clock {
			in = append(in, asm.Mov.Reg(asm.R1, asm.R6), asm.Mov.Imm(asm.R2, 0), asm.Mov.Reg(asm.R3, asm.R8),
				asm.Add.Imm(asm.R3, 48), asm.Mov.Imm(asm.R4, 64), asm.FnXdpLoadBytes.Call())
		}
		in = append(in, asm.Mov.Reg(asm.R1, asm.R8), asm.Mov.Imm(asm.R2, 1 /* BPF_RB_NO_WAKEUP */), asm.FnRingbufSubmit.Call())
	}
	in = append(in, asm.Mov.Imm(asm.R0, 2 /* XDP_PASS */).WithSymbol("out"), asm.Return())
	return ebpf.NewProgram(&ebpf.ProgramSpec{Name: "floor", Type: ebpf.XDP, License: "GPL", Instructions: in})
}

// measureRecordFloor runs, in 9 interleaved rounds, an empty program, the
// clock alone, reserve + submit alone, and clock + reserve + load +
// submit, 100000 times each per round on a fresh 16 MiB ring (the
// records fit), and returns the medians over the empty program.
func measureRecordFloor() (*floor, error) {
	frame := make([]byte, 64)
	for i := range frame {
		frame[i] = byte(i)
	}
	ways := []struct{ clock, ring bool }{{false, false}, {true, false}, {false, true}, {true, true}}
	res := make([][]float64, len(ways))
	for round := 0; round < 9; round++ {
		for i, w := range ways {
			rb, err := ebpf.NewMap(&ebpf.MapSpec{Type: ebpf.RingBuf, MaxEntries: 1 << 24})
			if err != nil {
				return nil, err
			}
			p, err := floorProg(rb, w.clock, w.ring)
			if err != nil {
				rb.Close()
				return nil, err
			}
			_, d, err := p.Benchmark(frame, 100000, nil)
			p.Close()
			rb.Close()
			if err != nil {
				return nil, err
			}
			res[i] = append(res[i], float64(d.Nanoseconds()))
		}
	}
	med := func(v []float64) float64 { sort.Float64s(v); return v[len(v)/2] }
	empty := med(res[0])
	return &floor{clock: med(res[1]) - empty, ring: med(res[2]) - empty, all: med(res[3]) - empty}, nil
}
