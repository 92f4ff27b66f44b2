package flows

import (
	"errors"
	"fmt"
	"net/netip"
	"sort"
	"time"

	"github.com/cilium/ebpf"
	"golang.org/x/sys/unix"

	"github.com/xdpdump/xdpdump/bpf"
)

// Dir is the direction a flow was counted in.
type Dir uint8

const (
	Ingress Dir = 0 // XDP, as it arrived
	Egress  Dir = 1 // TC egress, as it left
)

func (d Dir) String() string {
	switch d {
	case Ingress:
		return "in"
	case Egress:
		return "out"
	}
	return fmt.Sprintf("dir%d", uint8(d))
}

// EtherTypes of the flows that carry addresses.
const (
	EtherTypeIPv4 = 0x0800
	EtherTypeIPv6 = 0x86dd
)

// Key identifies a flow. For ICMP and ICMPv6, Sport holds the type and
// Dport the code; for other protocols without ports, and for non-first IP
// fragments, both are zero. Frames that are not IP are keyed by EtherType
// alone (Src, Dst invalid, Proto 0).
type Key struct {
	Ifindex   int
	Dir       Dir
	EtherType uint16 // after up to two VLAN tags
	Proto     uint8  // IP protocol number; for IPv6 after extension headers
	Src, Dst  netip.Addr
	Sport     uint16
	Dport     uint16
}

// Flow is a flow's counters summed over the CPUs.
type Flow struct {
	Key
	Packets uint64
	Bytes   uint64 // whole frames from the Ethernet header on
	// First and Last packet seen (the kernel's monotonic clock turned into
	// wall time at read).
	First, Last time.Time
}

// Snapshot is the flow table at one moment.
type Snapshot struct {
	Time  time.Time
	Flows []Flow
}

func keyFromBPF(k *bpf.FlowsXdpdumpFlowKey) Key {
	key := Key{
		Ifindex:   int(k.Ifindex),
		Dir:       Dir(k.Dir),
		EtherType: k.Ethertype,
		Proto:     k.Proto,
		Sport:     k.Sport,
		Dport:     k.Dport,
	}
	switch k.Ethertype {
	case EtherTypeIPv4:
		key.Src = netip.AddrFrom4([4]byte(k.Src[:4]))
		key.Dst = netip.AddrFrom4([4]byte(k.Dst[:4]))
	case EtherTypeIPv6:
		key.Src = netip.AddrFrom16(k.Src)
		key.Dst = netip.AddrFrom16(k.Dst)
	}
	return key
}

// clock turns bpf_ktime_get_ns (CLOCK_MONOTONIC) into wall time.
type clock struct{}

func newClock() clock { return clock{} }

// offset is wall time minus monotonic time, now.
func (clock) offset() int64 {
	var ts unix.Timespec
	before := time.Now()
	if err := unix.ClockGettime(unix.CLOCK_MONOTONIC, &ts); err != nil {
		return 0
	}
	return before.UnixNano() - ts.Nano()
}

// Read returns every flow in the table, counters summed over the CPUs,
// sorted by bytes (largest first).
func (f *Flows) Read() ([]Flow, error) {
	if f.table == nil {
		return nil, errors.New("flows: closed")
	}
	off := f.clock.offset()
	var out []Flow
	add := func(k *bpf.FlowsXdpdumpFlowKey, per []bpf.FlowsXdpdumpFlowVal) {
		fl := Flow{Key: keyFromBPF(k)}
		var first, last uint64
		for _, v := range per {
			fl.Packets += v.Packets
			fl.Bytes += v.Bytes
			if v.FirstNs != 0 && (first == 0 || v.FirstNs < first) {
				first = v.FirstNs
			}
			if v.LastNs > last {
				last = v.LastNs
			}
		}
		if fl.Packets == 0 {
			return
		}
		fl.First = time.Unix(0, int64(first)+off)
		fl.Last = time.Unix(0, int64(last)+off)
		out = append(out, fl)
	}
	if err := f.readBatch(add); err != nil {
		return nil, err
	}
	SortBy(out, ByBytes)
	return out, nil
}

// readBatch walks the table with BPF_MAP_LOOKUP_BATCH, or with plain
// iteration where the kernel has no batch operations for the map.
func (f *Flows) readBatch(add func(*bpf.FlowsXdpdumpFlowKey, []bpf.FlowsXdpdumpFlowVal)) error {
	ncpu, err := ebpf.PossibleCPU()
	if err != nil {
		return err
	}
	if !f.batchFail {
		const chunk = 1024
		if len(f.keyBuf) != chunk {
			f.keyBuf = make([]bpf.FlowsXdpdumpFlowKey, chunk)
			f.valBuf = make([]bpf.FlowsXdpdumpFlowVal, chunk*ncpu)
		}
		var cursor ebpf.MapBatchCursor
		for {
			n, err := f.table.BatchLookup(&cursor, f.keyBuf, f.valBuf, nil)
			for i := 0; i < n; i++ {
				add(&f.keyBuf[i], f.valBuf[i*ncpu:(i+1)*ncpu])
			}
			if errors.Is(err, ebpf.ErrKeyNotExist) {
				return nil
			}
			if errors.Is(err, ebpf.ErrNotSupported) {
				f.batchFail = true
				break
			}
			if err != nil {
				return fmt.Errorf("reading flows: %w", err)
			}
		}
	}
	var (
		k   bpf.FlowsXdpdumpFlowKey
		per []bpf.FlowsXdpdumpFlowVal
	)
	it := f.table.Iterate()
	for it.Next(&k, &per) {
		add(&k, per)
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("reading flows: %w", err)
	}
	return nil
}

// Snapshot reads the table and stamps it with the time of the read.
func (f *Flows) Snapshot() (Snapshot, error) {
	now := time.Now()
	fl, err := f.Read()
	return Snapshot{Time: now, Flows: fl}, err
}

// Order says how flows are ranked.
type Order int

const (
	ByBytes Order = iota
	ByPackets
)

// SortBy sorts flows, largest first, ties broken by the key so that the
// order is stable from frame to frame.
func SortBy(fl []Flow, o Order) {
	sort.Slice(fl, func(i, j int) bool {
		a, b := fl[i], fl[j]
		if o == ByPackets && a.Packets != b.Packets {
			return a.Packets > b.Packets
		}
		if a.Bytes != b.Bytes {
			return a.Bytes > b.Bytes
		}
		if a.Packets != b.Packets {
			return a.Packets > b.Packets
		}
		return a.Key.less(b.Key)
	})
}

func (k Key) less(o Key) bool {
	if k.Dir != o.Dir {
		return k.Dir < o.Dir
	}
	if k.Ifindex != o.Ifindex {
		return k.Ifindex < o.Ifindex
	}
	if c := k.Src.Compare(o.Src); c != 0 {
		return c < 0
	}
	if c := k.Dst.Compare(o.Dst); c != 0 {
		return c < 0
	}
	if k.Proto != o.Proto {
		return k.Proto < o.Proto
	}
	if k.Sport != o.Sport {
		return k.Sport < o.Sport
	}
	if k.Dport != o.Dport {
		return k.Dport < o.Dport
	}
	return k.EtherType < o.EtherType
}
