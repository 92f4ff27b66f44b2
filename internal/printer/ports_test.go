// The chains of port tests (udpRules, tcpRules) checked against tcpdump:
// for every two rules, a datagram (segment) that matches both must go to
// the printer tcpdump picks.

package printer

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestUDPPortOrder(t *testing.T) {
	checkPortOrder(t, udpRules, func(sp, dp uint16, pl []byte) frame { return full("udp", udpFrame(false, sp, dp, pl)) })
}

func TestTCPPortOrder(t *testing.T) {
	checkPortOrder(t, tcpRules, func(sp, dp uint16, pl []byte) frame { return tcpSeg(false, true, sp, dp, 1, pl) })
}

// checkPortOrder sends tcpdump, for each rule, a payload on the rule's
// port alone, and for each pair of rules the same payload on both rules'
// ports; what tcpdump prints for the pair must be what it prints for the
// rule that comes first in rules (when the two rules print differently).
func checkPortOrder(t *testing.T, rules []portRule, mk func(sport, dport uint16, payload []byte) frame) {
	bin := needTcpdump(t)
	const free = 40000 // a port no rule has
	// Where each rule's port can go: src (either or src rules) and dst
	// (either or dst rules).
	type place struct{ src, dst uint16 }
	var places []place
	var idx []int
	for i, r := range rules {
		switch {
		case len(r.either) > 0:
			places = append(places, place{r.either[0], r.either[0]})
		case r.hi != 0:
			places = append(places, place{r.lo + 1, r.lo + 1})
		case len(r.src) > 0:
			places = append(places, place{r.src[0], 0})
		case len(r.dst) > 0:
			places = append(places, place{0, r.dst[0]})
		default:
			continue // heuristic rules
		}
		idx = append(idx, i)
	}
	payload := make([]byte, 48)
	for i := range payload {
		payload[i] = byte(i*7 + 1)
	}
	payload[2] = 0x77 // no AppleTalk DDP header
	var fs []frame
	for _, pl := range places {
		if pl.src != 0 {
			fs = append(fs, mk(pl.src, free, payload))
		} else {
			fs = append(fs, mk(free, pl.dst, payload))
		}
	}
	type pair struct{ a, b int }
	var pairs []pair
	for a := range places {
		for b := range places {
			if a == b || places[a].src == 0 || places[b].dst == 0 {
				continue
			}
			pairs = append(pairs, pair{a, b})
			fs = append(fs, mk(places[a].src, places[b].dst, payload))
		}
	}
	path := filepath.Join(t.TempDir(), "ports.pcap")
	writePcap(t, path, false, fs)
	chunks := splitPackets(runTcpdump(t, bin, "-n", "-r", path), readRecords(t, path))
	body := func(i int) string {
		l := strings.Join(chunks[i], "\n")
		if k := strings.Index(l, ": "); k >= 0 {
			return l[k+2:] // past the addresses and ports
		}
		return l
	}
	checked := 0
	for k, pr := range pairs {
		ra, rb := body(pr.a), body(pr.b)
		if ra == rb {
			continue
		}
		checked++
		want, first := rb, rules[idx[pr.b]].name
		if pr.a < pr.b {
			want, first = ra, rules[idx[pr.a]].name
		}
		if got := body(len(places) + k); got != want {
			t.Errorf("ports %d > %d: tcpdump does not pick %s (first of %s and %s):\n%q",
				places[pr.a].src, places[pr.b].dst, first, rules[idx[pr.a]].name, rules[idx[pr.b]].name, got)
		}
	}
	t.Logf("%d rules, %d pairs of them checked", len(places), checked)
}
