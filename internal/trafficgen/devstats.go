package trafficgen

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// DevStats are a device's counters as /proc/net/dev shows them. On a veth
// end, frames that arrive by XDP transmit from the peer count in RxPackets,
// and those the peer could not queue (ring full) in RxDropped.
type DevStats struct {
	RxPackets, RxBytes, RxDropped uint64
	TxPackets, TxBytes, TxDropped uint64
}

// ReadDevStats reads the counters of dev in the network namespace of the
// calling thread (/proc/thread-self/net/dev): call it inside Host.Do, with
// the thread locked, for a device in another namespace.
func ReadDevStats(dev string) (DevStats, error) {
	b, err := os.ReadFile("/proc/thread-self/net/dev")
	if err != nil {
		return DevStats{}, fmt.Errorf("trafficgen: device counters: %w", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) != dev {
			continue
		}
		f := strings.Fields(rest)
		if len(f) < 16 {
			return DevStats{}, fmt.Errorf("trafficgen: device counters of %s: short line %q", dev, line)
		}
		var v [16]uint64
		for i := range v {
			if v[i], err = strconv.ParseUint(f[i], 10, 64); err != nil {
				return DevStats{}, fmt.Errorf("trafficgen: device counters of %s: %w", dev, err)
			}
		}
		// rx: bytes packets errs drop fifo frame compressed multicast
		// tx: bytes packets errs drop fifo colls carrier compressed
		return DevStats{
			RxBytes: v[0], RxPackets: v[1], RxDropped: v[3],
			TxBytes: v[8], TxPackets: v[9], TxDropped: v[11],
		}, nil
	}
	return DevStats{}, fmt.Errorf("trafficgen: no device %s in this network namespace", dev)
}
