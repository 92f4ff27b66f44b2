// Port dispatch for the application printers: tcpdump 4.99.3's udp_print
// (print-udp.c) and tcp_print (print-tcp.c) hand a payload to the first
// printer in a fixed chain of port tests. portTable keeps such a chain as
// rules in tcpdump's order and answers "which rule comes first for these
// ports" with two table look-ups; a printer's file registers its printer
// for its rule by name (registerUDP, registerTCP), so that adding a
// decoder touches only its own file.

package printer

import "fmt"

// portPayload is what the transport printer hands an application printer.
type portPayload struct {
	off        int    // the payload
	length     int    // its length (the UDP length, or the TCP segment's)
	sport      uint16 // source port
	dport      uint16 // destination port
	iph        int    // the IPv4 or IPv6 header
	fragmented bool   // the datagram is a first fragment
}

// portPrinter prints an application payload.
type portPrinter func(p *Printer, d portPayload)

// portRule is one test of tcpdump's chain. A rule matches when either
// port is in either, the source port in src, the destination port in
// dst, or either port in [lo, hi] (hi != 0). A rule with ports set
// instead matches when ports says so and, if set, payload too (tcpdump's
// heuristic tests); such rules are tried in their place in the chain.
type portRule struct {
	name    string // the printer's name (tcpdump's ndo_protocol)
	either  []uint16
	src     []uint16
	dst     []uint16
	lo, hi  uint16
	ports   func(sport, dport uint16) bool
	payload func(p *Printer, d portPayload) bool
}

// portTable is a chain of rules with the first rule of each port.
type portTable struct {
	rules    []portRule
	printers []portPrinter // by rule, nil until registered
	heur     []int         // the heuristic rules, in order
	// rank of the first rule matching a source (destination) port, 1-based;
	// 0 when none does.
	src, dst [65536]uint8
}

func newPortTable(rules []portRule) *portTable {
	if len(rules) >= 255 {
		panic("printer: too many port rules")
	}
	t := &portTable{rules: rules, printers: make([]portPrinter, len(rules))}
	set := func(tab *[65536]uint8, port uint16, rank int) {
		if tab[port] == 0 {
			tab[port] = uint8(rank)
		}
	}
	for i, r := range rules {
		rank := i + 1
		if r.ports != nil {
			t.heur = append(t.heur, i)
			continue
		}
		for _, port := range r.either {
			set(&t.src, port, rank)
			set(&t.dst, port, rank)
		}
		for _, port := range r.src {
			set(&t.src, port, rank)
		}
		for _, port := range r.dst {
			set(&t.dst, port, rank)
		}
		if r.hi != 0 {
			for port := int(r.lo); port <= int(r.hi); port++ {
				set(&t.src, uint16(port), rank)
				set(&t.dst, uint16(port), rank)
			}
		}
	}
	return t
}

// register makes f the printer of the rule called name.
func (t *portTable) register(name string, f portPrinter) {
	for i, r := range t.rules {
		if r.name == name {
			if t.printers[i] != nil {
				panic(fmt.Sprintf("printer: port rule %q registered twice", name))
			}
			t.printers[i] = f
			return
		}
	}
	panic(fmt.Sprintf("printer: no port rule %q", name))
}

// first returns the index of the rule tcpdump picks for d, or -1. With p
// nil, the payload tests of heuristic rules count as matching.
func (t *portTable) first(p *Printer, d portPayload) int {
	r := int(t.src[d.sport])
	if s := int(t.dst[d.dport]); s != 0 && (r == 0 || s < r) {
		r = s
	}
	r-- // to an index; -1 for none
	for _, h := range t.heur {
		if r >= 0 && h > r {
			break
		}
		rule := &t.rules[h]
		if rule.ports(d.sport, d.dport) && (p == nil || rule.payload == nil || rule.payload(p, d)) {
			return h
		}
	}
	return r
}

// printer returns the registered printer of the rule tcpdump picks for
// d, nil if tcpdump picks none or this package has no printer for it, and
// whether tcpdump picks one.
func (t *portTable) printer(p *Printer, d portPayload) (portPrinter, bool) {
	i := t.first(p, d)
	if i < 0 {
		return nil, false
	}
	return t.printers[i], true
}

// name returns the name of the rule tcpdump picks for d (payload tests
// counting as matching), or "".
func (t *portTable) name(d portPayload) string {
	if i := t.first(nil, d); i >= 0 {
		return t.rules[i].name
	}
	return ""
}
