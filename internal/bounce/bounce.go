// Package bounce loads xdpdump's bounce stage (--bounce): an XDP program
// that answers every TCP SYN with a SYN-ACK sent back with XDP_TX, so that
// every TCP port of the host accepts connections, and drops the rest of
// those handshakes (the client's final ACK, its FIN, data and RST) before
// the kernel sees them. Everything else goes on down xdpdump's chain.
//
// The BPF side is bpf/bounce.c; see its header comment for the details of
// the answer.
package bounce

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/internal/stage"
)

// MaxRate is the largest --bounce-rate (answers per second) the token
// bucket can count; 0 means unlimited.
const MaxRate = 1_000_000_000

// Config says how to load the bounce stage.
type Config struct {
	// Chain is the instance's PROG_ARRAY; the stage tail-calls slot
	// NextSlot for everything it does not answer or drop. Nil: the stage
	// gets an empty chain of its own (everything else is XDP_PASS).
	Chain    *ebpf.Map
	NextSlot uint32
	// Ring is the capture's ring buffer that answers are recorded into
	// when RecordTX is set. Nil: a small ring of the stage's own
	// (Bounce.Ring).
	Ring     *ebpf.Map
	RecordTX bool
	// WakeupBytes as in the capture stage: 0 = wake a sleeping reader at
	// the first record.
	WakeupBytes uint32
	// Snaplen caps the recorded answers; 0 = all of them.
	Snaplen uint32
	// Shared are the capture's maps (ring, control page, packet ids,
	// scratch); nil = the stage's own.
	Shared *stage.Shared
	// Deadman stops the stage answering once Shared's heartbeat is older
	// than this (the owner died): 0 = never.
	Deadman time.Duration
	// Frags picks the xdp.frags variant (it must match the programs it
	// is tail-called from and tail-calls).
	Frags bool
	// AttachType is the expected attach type (chain.Variant); nil = BPF_XDP.
	AttachType *ebpf.AttachType
	// Filter is a pcap expression: only the SYNs it matches are answered.
	// Empty = all.
	Filter string
	// Netmask is what `ip broadcast` in Filter compiles with, as in the
	// capture stage; HasNetmask false = unknown.
	Netmask    uint32
	HasNetmask bool
	// Rate limits the answers per second (token bucket, burst of one
	// second's worth). 0 = unlimited.
	Rate uint64
	// Key is the SipHash key of our sequence numbers; zero = random.
	Key [16]byte
	// Nets are the IPv4 prefixes of the interface: SYNs to or from their
	// broadcast addresses, or from the addresses themselves, are not
	// answered (Linux drops them). InterfaceNets reads them. At most
	// MaxNets are used.
	Nets []net.IPNet
	// PartialChecksums: the device hands XDP frames whose TCP checksum the
	// sender left to an offload (veth): a checksum field that holds
	// exactly the pseudo-header sum is taken for good. Everywhere else a
	// SYN's checksum must verify.
	PartialChecksums bool
}

// MaxNets is how many IPv4 prefixes of the interface the stage checks.
const MaxNets = 16

// InterfaceNets are the IPv4 prefixes of interface ifindex (in the
// calling thread's network namespace), for Config.Nets.
func InterfaceNets(ifindex int) ([]net.IPNet, error) {
	ifc, err := net.InterfaceByIndex(ifindex)
	if err != nil {
		return nil, err
	}
	addrs, err := ifc.Addrs()
	if err != nil {
		return nil, err
	}
	var out []net.IPNet
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil {
			out = append(out, net.IPNet{IP: n.IP.To4(), Mask: n.Mask})
		}
	}
	return out, nil
}

// Stats are the stage's counters, summed over CPUs.
type Stats struct {
	Answered      uint64 // SYN-ACKs sent with XDP_TX
	AcksDropped   uint64 // final ACKs of bounced handshakes
	RstsDropped   uint64 // RSTs of bounced connections
	OthersDropped uint64 // FINs and data of bounced connections
	Passed        uint64 // packets handed on down the chain
	RateLimited   uint64 // SYNs not answered: over Rate
	Refused       uint64 // SYNs not answered: a host would not (bad checksum, martian or broadcast address, port 0)
	TXRecorded    uint64 // answers written to the ring
	TXLost        uint64 // answers not recorded: ring full
	Dead          uint64 // packets passed untouched: the owner's heartbeat stopped
}

// Bounce is a loaded bounce stage.
type Bounce struct {
	st *stage.Stage
}

// Load loads the bounce stage. The caller puts Program() into the chain
// (or attaches it) and closes the stage when done.
func Load(c Config) (*Bounce, error) {
	if c.Rate > MaxRate {
		return nil, fmt.Errorf("bounce: rate %d answers/s is too large (at most %d, or 0 for unlimited)", c.Rate, MaxRate)
	}
	key := c.Key
	if key == ([16]byte{}) {
		if _, err := rand.Read(key[:]); err != nil {
			return nil, fmt.Errorf("bounce: key: %w", err)
		}
	}
	burst := c.Rate
	if burst == 0 {
		burst = 1
	}
	var nets [MaxNets]bpf.BounceIpv4Net
	n := 0
	for _, ipn := range c.Nets {
		ip4 := ipn.IP.To4()
		ones, bits := ipn.Mask.Size()
		if ip4 == nil || bits != 32 || n == MaxNets {
			continue
		}
		mask := net.CIDRMask(ones, 32)
		nets[n] = bpf.BounceIpv4Net{Addr: binary.NativeEndian.Uint32(ip4), Mask: binary.NativeEndian.Uint32(mask)}
		n++
	}
	v := stage.Variant{Frags: c.Frags, AttachType: ebpf.AttachXDP}
	if c.AttachType != nil {
		v.AttachType = *c.AttachType
	}
	sc := stage.Config{
		Spec: bpf.LoadBounce, Program: bpf.BounceProgXdpdumpBounce, Kind: stage.XDP, Variant: &v,
		Filter: strings.TrimSpace(c.Filter), Chain: c.Chain, NextSlot: c.NextSlot, Shared: c.Shared,
		RingSize: 1 << 16, WakeupBytes: c.WakeupBytes, Deadman: c.Deadman, Snaplen: c.Snaplen,
		Vars: map[string]any{
			bpf.BounceVarNets:        nets,
			bpf.BounceVarNrNets:      uint32(n),
			bpf.BounceVarPartialCsum: boolByte(c.PartialChecksums),
			bpf.BounceVarRecordTx:    boolByte(c.RecordTX),
			bpf.BounceVarRate:        c.Rate,
			bpf.BounceVarBurst:       burst,
			bpf.BounceVarKey0:        binary.LittleEndian.Uint64(key[:8]),
			bpf.BounceVarKey1:        binary.LittleEndian.Uint64(key[8:]),
		},
	}
	if c.HasNetmask {
		sc.Netmask = &c.Netmask
	}
	if c.Ring != nil {
		sc.Replace = map[string]*ebpf.Map{stage.MapRing: c.Ring}
	}
	st, err := stage.Load(sc)
	if err != nil {
		var fe *stage.FilterError
		if errors.As(err, &fe) {
			return nil, fmt.Errorf("--bounce-filter: %w", err)
		}
		return nil, err // it names the program (xdpdump_bounce)
	}
	return &Bounce{st: st}, nil
}

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// Program is the stage's XDP program (attach it, or put it into a chain
// slot). It stays valid until Close.
func (b *Bounce) Program() *ebpf.Program { return b.st.Program() }

// Chain is the program array the stage tail-calls into (Config.Chain, or
// the stage's own).
func (b *Bounce) Chain() *ebpf.Map { return b.st.Map(stage.MapChain) }

// Ring is the ring buffer answers are recorded into (Config.Ring or
// Config.Shared's, or the stage's own).
func (b *Bounce) Ring() *ebpf.Map { return b.st.Map(stage.MapRing) }

// Stats sums the stage's per-CPU counters.
func (b *Bounce) Stats() (Stats, error) {
	var per []bpf.BounceBounceStats
	if err := b.st.Map(bpf.BounceMapBstats).Lookup(uint32(0), &per); err != nil {
		return Stats{}, fmt.Errorf("bounce: reading stats: %w", err)
	}
	var s Stats
	for _, p := range per {
		s.Answered += p.Answered
		s.AcksDropped += p.AcksDropped
		s.RstsDropped += p.RstsDropped
		s.OthersDropped += p.OthersDropped
		s.Passed += p.Passed
		s.RateLimited += p.RateLimited
		s.Dead += p.Dead
		s.Refused += p.Refused
	}
	if m := b.st.Map(stage.MapStats); m != nil {
		rec, err := stage.ReadStats(m)
		if err != nil {
			return Stats{}, fmt.Errorf("bounce: %w", err)
		}
		s.TXRecorded, s.TXLost = rec.Captured, rec.Lost
	}
	return s, nil
}

// Close releases the program and the maps the stage made. Maps passed in
// Config stay open (they belong to the caller).
func (b *Bounce) Close() error {
	if b == nil || b.st == nil {
		return nil
	}
	b.st.Close()
	b.st = nil
	return nil
}
