// Package trafficgen is xdpdump's own traffic generator: numbered UDP frames
// sent at a chosen rate out of a device by an XDP program run with
// BPF_PROG_TEST_RUN in live-frames mode (BPF_F_TEST_XDP_LIVE_FRAMES).
//
// The program (bpf/trafficgen.c) returns XDP_TX for every frame it sends,
// which the kernel turns into a transmit out of the device the run names as
// its ingress device. It paces itself with bpf_ktime_get_ns, returning
// XDP_DROP until the next frame is due, so that each syscall (which costs
// tens of milliseconds to set up) runs long and sends many frames.
//
// On a veth pair, frames sent this way out of one end arrive at the other
// end only if that end runs NAPI: it has an XDP program attached or GRO
// turned on (`ethtool -K DEV gro on`). Otherwise the kernel drops them
// silently. The receiving end's softirq runs on the sending CPU, so what the
// receiver costs per packet lowers the rate the generator achieves.
package trafficgen

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"time"

	"golang.org/x/sys/unix"
)

// Magic starts the generator's header in every frame ("XDTG").
const Magic = 0x58445447

// Frame layout: Ethernet, IPv4 without options, UDP, then the generator's
// header (magic, run id, sequence number; big-endian).
const (
	SportOffset  = 14 + 20     // UDP source port
	HeaderOffset = 14 + 20 + 8 // generator header
	HeaderLen    = 16          // magic(4) run id(4) seq(8)
	MinSize      = HeaderOffset + HeaderLen
	// MaxSize is the largest frame live-frames mode accepts: the kernel
	// wants the frame, its headroom and tailroom in one page (6.18 takes
	// up to 3408 bytes; jumbo frames cannot be sent this way).
	MaxSize = 3400
)

// DefaultDstPort is the UDP port frames go to when Config.DstPort is 0
// (discard).
const DefaultDstPort = 9

// Config says what to send and how fast.
type Config struct {
	// Ifindex is the device to send out of, in the network namespace of
	// the thread that calls Run.
	Ifindex        int
	SrcMAC, DstMAC net.HardwareAddr
	SrcIP, DstIP   net.IP // IPv4
	DstPort        uint16 // 0 = DefaultDstPort
	// SrcPorts is how many source ports frames cycle through, starting at
	// SrcPortBase (a power of two, 0 = 256). SrcPortBase 0 = 1024.
	SrcPorts    int
	SrcPortBase uint16
	// Size is the frame length in bytes without FCS, MinSize..MaxSize. It
	// must also fit the receiving device's MTU (Size <= MTU + 14).
	Size int
	// Count is how many frames to send; 0 = no limit (Duration must be
	// set).
	Count uint64
	// Rate is frames per second; 0 = as fast as possible.
	Rate uint64
	// Duration bounds the run; 0 = until Count frames are sent.
	Duration time.Duration
	// RunID goes into every frame, to tell runs apart.
	RunID uint32
}

// Result tells what a run did.
type Result struct {
	Sent uint64 // frames returned with XDP_TX (handed to the device)
	// Elapsed is the wall time of the run, syscall set-up included.
	Elapsed time.Duration
	// Active is the time from the first frame sent to the last.
	Active   time.Duration
	Syscalls int    // BPF_PROG_RUN calls made
	Polls    uint64 // program runs (sent + paced drops)
}

// Rate is the achieved rate in frames per second while frames were sent
// (over Active).
func (r Result) Rate() float64 {
	if r.Sent < 2 || r.Active <= 0 {
		return 0
	}
	return float64(r.Sent-1) / r.Active.Seconds()
}

// Generator is a loaded generator program for one Config.
type Generator struct {
	c     Config
	frame []byte
	objs  trafficgenObjects
}

func (c *Config) check() error {
	if c.Ifindex <= 0 {
		return fmt.Errorf("trafficgen: no device to send from (ifindex %d)", c.Ifindex)
	}
	if len(c.SrcMAC) != 6 || len(c.DstMAC) != 6 {
		return fmt.Errorf("trafficgen: source and destination MAC must be Ethernet addresses (got %q, %q)", c.SrcMAC, c.DstMAC)
	}
	if c.SrcIP.To4() == nil || c.DstIP.To4() == nil {
		return fmt.Errorf("trafficgen: source and destination must be IPv4 addresses (got %v, %v)", c.SrcIP, c.DstIP)
	}
	if c.Size < MinSize || c.Size > MaxSize {
		return fmt.Errorf("trafficgen: frame size %d out of range %d..%d", c.Size, MinSize, MaxSize)
	}
	if c.SrcPorts == 0 {
		c.SrcPorts = 256
	}
	if c.SrcPorts < 0 || c.SrcPorts > 1<<16 || c.SrcPorts&(c.SrcPorts-1) != 0 {
		return fmt.Errorf("trafficgen: source port count %d is not a power of two up to 65536", c.SrcPorts)
	}
	if c.SrcPortBase == 0 {
		c.SrcPortBase = 1024
	}
	if c.DstPort == 0 {
		c.DstPort = DefaultDstPort
	}
	if c.Count == 0 && c.Duration <= 0 {
		return errors.New("trafficgen: neither Count nor Duration bounds the run")
	}
	if c.Rate > 1e9 {
		return fmt.Errorf("trafficgen: rate %d frames/s is more than one a nanosecond", c.Rate)
	}
	return nil
}

// Frame returns the template frame for c, with sequence number 0 and the
// first source port.
func Frame(c Config) ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	return frame(c), nil
}

func frame(c Config) []byte {
	f := make([]byte, c.Size)
	be := binary.BigEndian
	copy(f[0:6], c.DstMAC)
	copy(f[6:12], c.SrcMAC)
	be.PutUint16(f[12:], unix.ETH_P_IP)
	ip := f[14:34]
	ip[0] = 0x45
	be.PutUint16(ip[2:], uint16(c.Size-14))
	be.PutUint16(ip[6:], 0x4000) // DF
	ip[8] = 64
	ip[9] = unix.IPPROTO_UDP
	copy(ip[12:16], c.SrcIP.To4())
	copy(ip[16:20], c.DstIP.To4())
	be.PutUint16(ip[10:], IPv4Checksum(ip))
	udp := f[34:42]
	be.PutUint16(udp[0:], c.SrcPortBase)
	be.PutUint16(udp[2:], c.DstPort)
	be.PutUint16(udp[4:], uint16(c.Size-34))
	// UDP checksum 0: none (IPv4), so the program need not update it.
	be.PutUint32(f[HeaderOffset:], Magic)
	be.PutUint32(f[HeaderOffset+4:], c.RunID)
	for i := MinSize; i < len(f); i++ {
		f[i] = byte(i)
	}
	return f
}

// IPv4Checksum is the header checksum of the IPv4 header h, computed
// with its checksum field as it is (zero it first to fill the field in; a
// header that is right sums to 0).
func IPv4Checksum(h []byte) uint16 {
	var s uint32
	for i := 0; i+1 < len(h); i += 2 {
		s += uint32(h[i])<<8 | uint32(h[i+1])
	}
	for s > 0xffff {
		s = s&0xffff + s>>16
	}
	return ^uint16(s)
}

// Parse reads the generator's header from a frame as captured (starting
// at the Ethernet header). ok is false for frames the generator did not
// make.
func Parse(frame []byte) (runID uint32, seq uint64, ok bool) {
	if len(frame) < MinSize {
		return 0, 0, false
	}
	be := binary.BigEndian
	if be.Uint16(frame[12:]) != unix.ETH_P_IP || frame[14] != 0x45 || frame[23] != unix.IPPROTO_UDP {
		return 0, 0, false
	}
	if be.Uint32(frame[HeaderOffset:]) != Magic {
		return 0, 0, false
	}
	return be.Uint32(frame[HeaderOffset+4:]), be.Uint64(frame[HeaderOffset+8:]), true
}

// New loads the generator program for c.
func New(c Config) (*Generator, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	spec, err := loadTrafficgen()
	if err != nil {
		return nil, fmt.Errorf("trafficgen: loading spec: %w", err)
	}
	var interval, backlog uint64
	if c.Rate > 0 {
		interval = uint64(1e9 / c.Rate)
		if interval == 0 {
			interval = 1
		}
		// After a pause (the ~25 ms set-up of the next syscall, a
		// preemption) catch up with at most 2 ms or 64 frames of
		// backlog, whichever is more: enough to keep the average rate
		// through short stalls, bounded bursts after long ones. A
		// burst is sent at most 64 frames (one test-run batch) per
		// flush, which the receiving veth's 256-slot ring takes.
		backlog = max(64*interval, 2_000_000)
	}
	set := map[string]any{
		"interval_ns":    interval,
		"max_backlog_ns": backlog,
		"sport_base":     c.SrcPortBase,
		"sport_mask":     uint16(c.SrcPorts - 1),
		"limit":          c.Count,
	}
	for name, v := range set {
		vs, ok := spec.Variables[name]
		if !ok {
			return nil, fmt.Errorf("trafficgen: program has no variable %s", name)
		}
		if err := vs.Set(v); err != nil {
			return nil, fmt.Errorf("trafficgen: setting %s: %w", name, err)
		}
	}
	g := &Generator{c: c, frame: frame(c)}
	if err := spec.LoadAndAssign(&g.objs, nil); err != nil {
		return nil, fmt.Errorf("trafficgen: loading program: %w", err)
	}
	return g, nil
}

// Close unloads the program.
func (g *Generator) Close() error { return g.objs.Close() }

// Sent is how many frames the program has sent so far. It may be called
// from any goroutine while Run runs.
func (g *Generator) Sent() (uint64, error) {
	var n uint64
	err := g.objs.Sent.Get(&n)
	return n, err
}

// xdpMd mirrors struct xdp_md, the context of an XDP test run.
type xdpMd struct {
	Data, DataEnd, DataMeta      uint32
	IngressIfindex, RxQueueIndex uint32
	EgressIfindex                uint32
}

// How long one syscall should run: long against its set-up cost, short
// enough to notice the end of the run and a cancelled context soon.
const sliceTarget = 1000 * time.Millisecond

// Run sends frames until Count are sent, Duration has passed or ctx is
// done, whichever comes first. It must run on a thread in the network
// namespace of the sending device (the ifindex is looked up there). A run
// that ends because ctx is done returns what was sent and no error. Each
// Run starts afresh at sequence number 0; runs must not overlap.
func (g *Generator) Run(ctx context.Context) (Result, error) {
	return runLive(ctx, g.c, g.frame, g.objs.Trafficgen, liveVars{
		sent: g.objs.Sent, polls: g.objs.Polls, nextDue: g.objs.NextDue,
		deadline: g.objs.Deadline, first: g.objs.FirstNs, last: g.objs.LastNs,
	})
}

// monotonicNs is CLOCK_MONOTONIC, the clock of bpf_ktime_get_ns.
func monotonicNs() (uint64, error) {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0, fmt.Errorf("trafficgen: reading the monotonic clock: %w", err)
	}
	return uint64(ts.Nano()), nil
}

// Run loads a generator for c, runs it and unloads it. It must run on a
// thread in the network namespace of the sending device.
func Run(c Config) (Result, error) {
	g, err := New(c)
	if err != nil {
		return Result{}, err
	}
	defer g.Close()
	return g.Run(context.Background())
}
