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
	"strings"

	"github.com/cilium/ebpf"

	"github.com/xdpdump/xdpdump/bpf"
	"github.com/xdpdump/xdpdump/filter"
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
	// WakeupBytes as in the capture stage: 0 = wake the reader per record.
	WakeupBytes uint32
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
}

// Stats are the stage's counters, summed over CPUs.
type Stats struct {
	Answered      uint64 // SYN-ACKs sent with XDP_TX
	AcksDropped   uint64 // final ACKs of bounced handshakes
	RstsDropped   uint64 // RSTs of bounced connections
	OthersDropped uint64 // FINs and data of bounced connections
	Passed        uint64 // packets handed on down the chain
	RateLimited   uint64 // SYNs not answered: over Rate
	TXRecorded    uint64 // answers written to the ring
	TXLost        uint64 // answers not recorded: ring full
}

// Bounce is a loaded bounce stage.
type Bounce struct {
	prog  *ebpf.Program
	stats *ebpf.Map
	chain *ebpf.Map
	ring  *ebpf.Map
	coll  *ebpf.Collection
}

// ProgramName returns the name of the variant Load picks.
func ProgramName(frags bool) string {
	if frags {
		return bpf.BounceProgXdpdumpBounceFrags
	}
	return bpf.BounceProgXdpdumpBounce
}

// Spec returns the collection spec of the stage, configured by c but not
// loaded (used by Load, and by tests that run the program with
// BPF_PROG_TEST_RUN).
func Spec(c Config) (*ebpf.CollectionSpec, error) {
	if c.Rate > MaxRate {
		return nil, fmt.Errorf("bounce: rate %d answers/s is too large (at most %d, or 0 for unlimited)", c.Rate, MaxRate)
	}
	spec, err := bpf.LoadBounce()
	if err != nil {
		return nil, fmt.Errorf("bounce: loading spec: %w", err)
	}
	name := ProgramName(c.Frags)
	for n := range spec.Programs {
		if n != name {
			delete(spec.Programs, n)
		}
	}
	ps := spec.Programs[name]
	if ps == nil {
		return nil, fmt.Errorf("bounce: program %s missing from the object", name)
	}
	if c.AttachType != nil {
		ps.AttachType = *c.AttachType
	}
	chainMax := spec.Maps[bpf.BounceMapChain].MaxEntries
	if c.Chain != nil {
		if c.Chain.Type() != ebpf.ProgramArray {
			return nil, fmt.Errorf("bounce: chain map is a %s, want a program array", c.Chain.Type())
		}
		chainMax = c.Chain.MaxEntries()
		spec.Maps[bpf.BounceMapChain].MaxEntries = chainMax
	}
	if c.NextSlot >= chainMax {
		return nil, fmt.Errorf("bounce: next slot %d outside the chain's %d slots", c.NextSlot, chainMax)
	}
	if c.Ring != nil {
		if c.Ring.Type() != ebpf.RingBuf {
			return nil, fmt.Errorf("bounce: ring map is a %s, want a ring buffer", c.Ring.Type())
		}
		spec.Maps[bpf.BounceMapRing].MaxEntries = c.Ring.MaxEntries()
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
	vars := []struct {
		name string
		val  any
	}{
		{bpf.BounceVarNextSlot, c.NextSlot},
		{bpf.BounceVarRecordTx, boolByte(c.RecordTX)},
		{bpf.BounceVarWakeupBytes, c.WakeupBytes},
		{bpf.BounceVarRate, c.Rate},
		{bpf.BounceVarBurst, burst},
		{bpf.BounceVarKey0, binary.LittleEndian.Uint64(key[:8])},
		{bpf.BounceVarKey1, binary.LittleEndian.Uint64(key[8:])},
	}
	for _, v := range vars {
		if err := spec.Variables[v.name].Set(v.val); err != nil {
			return nil, fmt.Errorf("bounce: setting %s: %w", v.name, err)
		}
	}

	if strings.TrimSpace(c.Filter) != "" {
		mask := uint32(filter.NetmaskUnknown)
		if c.HasNetmask {
			mask = c.Netmask
		}
		insns, _, err := filter.CompileNetmask(c.Filter, 262144, filter.XDP, mask)
		if err != nil {
			return nil, fmt.Errorf("bounce filter: %w", err)
		}
		if err := filter.Splice(ps, insns); err != nil {
			return nil, fmt.Errorf("bounce filter: %w", err)
		}
		if err := spec.Variables[bpf.BounceVarFilterEnabled].Set(uint8(1)); err != nil {
			return nil, fmt.Errorf("bounce: setting filter_enabled: %w", err)
		}
	}
	return spec, nil
}

// Load loads the bounce stage. The caller puts Program() into the chain
// (or attaches it) and closes the stage when done.
func Load(c Config) (*Bounce, error) {
	spec, err := Spec(c)
	if err != nil {
		return nil, err
	}
	repl := map[string]*ebpf.Map{}
	if c.Chain != nil {
		repl[bpf.BounceMapChain] = c.Chain
	}
	if c.Ring != nil {
		repl[bpf.BounceMapRing] = c.Ring
	}
	coll, err := ebpf.NewCollectionWithOptions(spec, ebpf.CollectionOptions{MapReplacements: repl})
	if err != nil {
		var ve *ebpf.VerifierError
		if errors.As(err, &ve) {
			return nil, fmt.Errorf("loading bounce stage: %+v", ve)
		}
		return nil, fmt.Errorf("loading bounce stage: %w", err)
	}
	b := &Bounce{
		prog:  coll.Programs[ProgramName(c.Frags)],
		stats: coll.Maps[bpf.BounceMapBstats],
		chain: coll.Maps[bpf.BounceMapChain],
		ring:  coll.Maps[bpf.BounceMapRing],
		coll:  coll,
	}
	if b.prog == nil || b.stats == nil || b.chain == nil || b.ring == nil {
		coll.Close()
		return nil, errors.New("loading bounce stage: collection lacks its program or maps")
	}
	return b, nil
}

func boolByte(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

// Program is the stage's XDP program (attach it, or put it into a chain
// slot). It stays valid until Close.
func (b *Bounce) Program() *ebpf.Program { return b.prog }

// Chain is the program array the stage tail-calls into (Config.Chain, or
// the stage's own).
func (b *Bounce) Chain() *ebpf.Map { return b.chain }

// Ring is the ring buffer answers are recorded into (Config.Ring, or the
// stage's own).
func (b *Bounce) Ring() *ebpf.Map { return b.ring }

// Stats sums the stage's per-CPU counters.
func (b *Bounce) Stats() (Stats, error) {
	var per []bpf.BounceBounceStats
	if err := b.stats.Lookup(uint32(0), &per); err != nil {
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
		s.TXRecorded += p.TxRecorded
		s.TXLost += p.TxLost
	}
	return s, nil
}

// Close releases the program and the maps the stage made. Maps passed in
// Config stay open (they belong to the caller).
func (b *Bounce) Close() error {
	if b == nil || b.coll == nil {
		return nil
	}
	b.coll.Close()
	b.coll = nil
	return nil
}
