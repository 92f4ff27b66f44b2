package trafficgen

// A second generator mode: a TCP SYN flood (bpf/synflood.c), for
// benchmarks of the bounce stage against the kernel's own SYN handling.

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"net"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"
)

// SYN frame layout: Ethernet, IPv4 without options, TCP with 20 bytes of
// options in Linux's own order (MSS 1460, SACK permitted, timestamps,
// NOP, window scale 7).
const (
	SYNSize       = 14 + 20 + 40
	SYNSportOff   = 14 + 20
	SYNTSvalOff   = 14 + 20 + 20 + 8 // the frame's sequence number
	synCsumOff    = 14 + 20 + 16
	synISN        = 0x12345678
	synPortsFirst = 1024
)

// SYNFlood is a loaded SYN flood generator.
//
// Every frame is a SYN from Config.SrcIP to Config.DstIP:DstPort with its
// own source port: frame n gets SrcPortBase + (n·40503 mod SrcPorts), a
// permutation, so each port of the range comes once per SrcPorts frames
// and consecutive frames never share one. TSval carries n. The TCP
// checksum is complete (the program adds port and TSval to a sum computed
// here), so receivers that verify it accept every frame.
type SYNFlood struct {
	c     Config
	frame []byte
	objs  synfloodObjects
}

// checkSYN fills in the SYN defaults (32768 source ports from 1024, Size
// SYNSize) and checks c.
func (c *Config) checkSYN() error {
	if c.Size == 0 {
		c.Size = SYNSize
	}
	if c.Size != SYNSize {
		return fmt.Errorf("trafficgen: SYN frames are %d bytes, not %d", SYNSize, c.Size)
	}
	if c.SrcPorts == 0 {
		c.SrcPorts = 32768
	}
	if c.SrcPortBase == 0 {
		c.SrcPortBase = synPortsFirst
	}
	if c.DstPort == 0 {
		return errors.New("trafficgen: a SYN flood needs a destination port")
	}
	if err := c.check(); err != nil {
		return err
	}
	if int(c.SrcPortBase)+c.SrcPorts > 1<<16 {
		return fmt.Errorf("trafficgen: source ports %d..%d run past 65535", c.SrcPortBase, int(c.SrcPortBase)+c.SrcPorts-1)
	}
	return nil
}

// synFrame is the template: source port 0, TSval 0, checksum 0, and the
// folded one's-complement sum of pseudo-header and segment as it is.
func synFrame(c Config) ([]byte, uint32) {
	f := make([]byte, SYNSize)
	be := binary.BigEndian
	copy(f[0:6], c.DstMAC)
	copy(f[6:12], c.SrcMAC)
	be.PutUint16(f[12:], unix.ETH_P_IP)
	ip := f[14:34]
	ip[0] = 0x45
	be.PutUint16(ip[2:], SYNSize-14)
	be.PutUint16(ip[6:], 0x4000) // DF
	ip[8] = 64
	ip[9] = unix.IPPROTO_TCP
	copy(ip[12:16], c.SrcIP.To4())
	copy(ip[16:20], c.DstIP.To4())
	be.PutUint16(ip[10:], IPv4Checksum(ip))
	tcp := f[34:]
	be.PutUint16(tcp[2:], c.DstPort)
	be.PutUint32(tcp[4:], synISN)
	tcp[12] = 10 << 4 // 40-byte header
	tcp[13] = 0x02    // SYN
	be.PutUint16(tcp[14:], 64240)
	copy(tcp[20:], []byte{
		2, 4, 0x05, 0xb4, // MSS 1460
		4, 2, // SACK permitted
		8, 10, 0, 0, 0, 0, 0, 0, 0, 0, // timestamps: TSval (the program's), TSecr 0
		1,       // NOP
		3, 3, 7, // window scale 7
	})
	var s uint32
	add := func(b []byte) {
		for i := 0; i+1 < len(b); i += 2 {
			s += uint32(b[i])<<8 | uint32(b[i+1])
		}
	}
	add(ip[12:20])
	s += unix.IPPROTO_TCP + uint32(len(tcp))
	add(tcp)
	for s > 0xffff {
		s = s&0xffff + s>>16
	}
	return f, s
}

// SYNFrame returns the SYN that c makes as frame n, exactly as the program
// writes it (tests compare the two).
func SYNFrame(c Config, n uint64) ([]byte, error) {
	if err := c.checkSYN(); err != nil {
		return nil, err
	}
	f, s := synFrame(c)
	port := uint32(c.SrcPortBase) + (uint32(n)*40503)&uint32(c.SrcPorts-1)
	ts := uint32(n)
	binary.BigEndian.PutUint16(f[SYNSportOff:], uint16(port))
	binary.BigEndian.PutUint32(f[SYNTSvalOff:], ts)
	s += port + ts>>16 + ts&0xffff
	for s > 0xffff {
		s = s&0xffff + s>>16
	}
	binary.BigEndian.PutUint16(f[synCsumOff:], ^uint16(s))
	return f, nil
}

// NewSYNFlood loads a SYN flood generator for c. c.Size must be 0 or
// SYNSize, c.DstPort set; SrcPorts defaults to 32768 and SrcPortBase to
// 1024. Rate, Count and Duration work as for New.
func NewSYNFlood(c Config) (*SYNFlood, error) {
	if err := c.checkSYN(); err != nil {
		return nil, err
	}
	spec, err := loadSynflood()
	if err != nil {
		return nil, fmt.Errorf("trafficgen: loading SYN flood spec: %w", err)
	}
	interval, backlog := pacing(c.Rate)
	frame, sum := synFrame(c)
	if _, ok := spec.Variables["tmpl"]; !ok {
		return nil, errors.New("trafficgen: SYN flood program has no template variable")
	}
	set := map[string]any{
		"interval_ns":    interval,
		"max_backlog_ns": backlog,
		"sport_base":     c.SrcPortBase,
		"sport_mask":     uint16(c.SrcPorts - 1),
		"csum_base":      sum,
		"tmpl":           frame,
		"limit":          c.Count,
	}
	for name, v := range set {
		vs, ok := spec.Variables[name]
		if !ok {
			return nil, fmt.Errorf("trafficgen: SYN flood program has no variable %s", name)
		}
		if err := vs.Set(v); err != nil {
			return nil, fmt.Errorf("trafficgen: setting %s: %w", name, err)
		}
	}
	g := &SYNFlood{c: c, frame: frame}
	if err := spec.LoadAndAssign(&g.objs, nil); err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("trafficgen: loading SYN flood program: %+v", ve)
		}
		return nil, fmt.Errorf("trafficgen: loading SYN flood program: %w", err)
	}
	return g, nil
}

// pacing is the program's interval and catch-up bound for a rate, as New
// sets them.
func pacing(rate uint64) (interval, backlog uint64) {
	if rate == 0 {
		return 0, 0
	}
	interval = max(uint64(1e9/rate), 1)
	return interval, max(64*interval, 2_000_000)
}

// Close unloads the program.
func (g *SYNFlood) Close() error { return g.objs.Close() }

// Sent is how many SYNs the program has sent so far (any goroutine).
func (g *SYNFlood) Sent() (uint64, error) {
	var n uint64
	err := g.objs.Sent.Get(&n)
	return n, err
}

// Run sends SYNs until Count are sent, Duration has passed or ctx is done,
// like Generator.Run, on a thread in the sending device's namespace.
func (g *SYNFlood) Run(ctx context.Context) (Result, error) {
	v := &g.objs.synfloodVariables
	return runLive(ctx, g.c, g.frame, g.objs.Synflood, liveVars{
		sent: v.Sent, polls: v.Polls, nextDue: v.NextDue, deadline: v.Deadline, first: v.FirstNs, last: v.LastNs,
	})
}

// liveVars are the state variables every live-frames generator program
// shares with user space.
type liveVars struct {
	sent, polls, nextDue, deadline, first, last *ebpf.Variable
}

// runLive is the syscall loop of Generator.Run for any live-frames
// generator program with liveVars.
func runLive(ctx context.Context, c Config, frame []byte, prog *ebpf.Program, v liveVars) (Result, error) {
	var res Result
	ifc, err := net.InterfaceByIndex(c.Ifindex)
	if err != nil {
		return res, fmt.Errorf("trafficgen: no device with ifindex %d in this network namespace: %w", c.Ifindex, err)
	}
	if !bytes.Equal(ifc.HardwareAddr, c.SrcMAC) {
		return res, fmt.Errorf("trafficgen: device %s (ifindex %d) has address %v, not the source address %v: is Run on a thread in the sending device's network namespace?", ifc.Name, c.Ifindex, ifc.HardwareAddr, c.SrcMAC)
	}
	for _, x := range []*ebpf.Variable{v.sent, v.polls, v.nextDue, v.deadline, v.first, v.last} {
		if err := x.Set(uint64(0)); err != nil {
			return res, fmt.Errorf("trafficgen: resetting %v: %w", x, err)
		}
	}
	md := xdpMd{DataEnd: uint32(len(frame)), IngressIfindex: uint32(c.Ifindex)}
	perSec := 10e6
	if c.Rate == 0 {
		perSec = 1e6
	}
	first := true
	start := time.Now()
	if c.Duration > 0 {
		now, err := monotonicNs()
		if err != nil {
			return res, err
		}
		if err := v.deadline.Set(now + uint64(c.Duration)); err != nil {
			return res, fmt.Errorf("trafficgen: setting deadline: %w", err)
		}
	}
	var sent, polls uint64
	for {
		if c.Count > 0 && sent >= c.Count {
			break
		}
		elapsed := time.Since(start)
		if c.Duration > 0 && elapsed >= c.Duration {
			break
		}
		if ctx.Err() != nil {
			break
		}
		slice := sliceTarget
		if c.Duration > 0 {
			slice = min(slice, c.Duration-elapsed)
		}
		if first {
			slice = min(slice, 50*time.Millisecond)
			first = false
		}
		if c.Count > 0 && c.Rate > 0 {
			left := time.Duration(float64(c.Count-sent) / float64(c.Rate) * 1e9)
			slice = min(slice, left+left/2+5*time.Millisecond)
		}
		rep := perSec * slice.Seconds()
		if c.Count > 0 && c.Rate == 0 {
			rep = min(rep, float64(c.Count-sent))
		}
		rep = max(1024, min(rep, math.MaxUint32/2))
		t0 := time.Now()
		_, err := prog.Run(&ebpf.RunOptions{
			Data:    frame,
			Repeat:  uint32(rep),
			Flags:   unix.BPF_F_TEST_XDP_LIVE_FRAMES,
			Context: md,
		})
		dt := time.Since(t0)
		res.Syscalls++
		if errors.Is(err, unix.EINVAL) {
			return res, fmt.Errorf("trafficgen: running program (live frames, ifindex %d, %d-byte frame; the kernel refuses frames that do not fit a page with its head- and tailroom, and devices that are not in this network namespace): %w", c.Ifindex, len(frame), err)
		}
		if err != nil {
			return res, fmt.Errorf("trafficgen: running program (live frames, ifindex %d, %d-byte frame): %w", c.Ifindex, len(frame), err)
		}
		var p uint64
		if err := v.polls.Get(&p); err != nil {
			return res, fmt.Errorf("trafficgen: reading counters: %w", err)
		}
		if err := v.sent.Get(&sent); err != nil {
			return res, fmt.Errorf("trafficgen: reading counters: %w", err)
		}
		if dt > 0 && p > polls {
			perSec = float64(p-polls) / dt.Seconds()
		}
		polls = p
	}
	res.Elapsed = time.Since(start)
	if c.Duration > 0 {
		res.Elapsed = min(res.Elapsed, c.Duration)
	}
	res.Sent, res.Polls = sent, polls
	var t0, t1 uint64
	if err := v.first.Get(&t0); err != nil {
		return res, fmt.Errorf("trafficgen: reading counters: %w", err)
	}
	if err := v.last.Get(&t1); err != nil {
		return res, fmt.Errorf("trafficgen: reading counters: %w", err)
	}
	if sent > 0 && t1 >= t0 {
		res.Active = time.Duration(t1 - t0)
	}
	return res, nil
}
