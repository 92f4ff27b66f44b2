// Names instead of numbers, as tcpdump 4.99.3 prints without -n
// (addrtoname.c: getname, getname6, etheraddr_string, tcpport_string,
// udpport_string, init_servarray, init_etherarray; ipproto.c's
// netdb_protoname). The printer asks a Resolver (the system's, through
// internal/printer/sysnames) once per address and keeps the answer for
// the rest of the run, as tcpdump's hash tables do: a known address costs
// a map look-up, never a second query. Without Options.Names (-n) none of
// this runs.

package printer

// Resolver answers what tcpdump asks the C library.
type Resolver interface {
	// HostByAddr is gethostbyaddr's h_name for a 4-byte (IPv4) or 16-byte
	// (IPv6) address, false when there is none.
	HostByAddr(addr []byte) (string, bool)
	// EtherHost is ether_ntohost's name for a MAC address.
	EtherHost(mac [6]byte) (string, bool)
	// Services are getservent's entries in its order.
	Services() []Service
}

// Service is one getservent entry.
type Service struct {
	Name  string
	Port  uint16
	Proto string // "tcp", "udp", ...
}

// NameOptions turn names on (tcpdump without -n).
type NameOptions struct {
	Resolver Resolver
	NoDomain bool // -N: a host name is cut at its first dot
	// -f: IPv4 addresses outside LocalNet/NetMask (pcap_lookupnet of the
	// capture interface) are printed as numbers. Both zero: every address
	// is looked up (as tcpdump without -f, or -f where lookupnet failed).
	LocalNet, NetMask [4]byte
}

// names is the printer's share of addrtoname.c's tables.
type names struct {
	o     NameOptions
	host4 map[[4]byte]string // "" once looked up without a name
	host6 map[[16]byte]string
	ether map[[6]byte]string // "" once looked up without a name
	tcp   map[uint16]string
	udp   map[uint16]string
}

func newNames(o *NameOptions) *names {
	if o == nil || o.Resolver == nil {
		return nil
	}
	n := &names{o: *o, host4: map[[4]byte]string{}, host6: map[[16]byte]string{},
		ether: map[[6]byte]string{}, tcp: map[uint16]string{}, udp: map[uint16]string{}}
	// init_servarray: the first entry for a port and protocol wins.
	for _, s := range o.Resolver.Services() {
		var t map[uint16]string
		switch s.Proto {
		case "tcp":
			t = n.tcp
		case "udp":
			t = n.udp
		default:
			continue
		}
		if _, ok := t[s.Port]; !ok {
			t[s.Port] = s.Name
		}
	}
	// init_etherarray: the broadcast address is "Broadcast" unless ethers
	// names it.
	bc := [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}
	if name, ok := o.Resolver.EtherHost(bc); ok {
		n.ether[bc] = name
	} else {
		n.ether[bc] = "Broadcast"
	}
	return n
}

// cut is -N: the name up to its first dot.
func (n *names) cut(name string) string {
	if n.o.NoDomain {
		for i := 0; i < len(name); i++ {
			if name[i] == '.' {
				return name[:i]
			}
		}
	}
	return name
}

// host4 is getname: the name of a, or "" for the number.
func (n *names) lookup4(a [4]byte) string {
	if name, ok := n.host4[a]; ok {
		return name
	}
	name := ""
	local := true
	for i := range a {
		if a[i]&n.o.NetMask[i] != n.o.LocalNet[i] {
			local = false
		}
	}
	if local {
		q := a // a copy for the resolver, so that only a miss puts one on the heap
		if h, ok := n.o.Resolver.HostByAddr(q[:]); ok {
			name = n.cut(h)
		}
	}
	n.host4[a] = name
	return name
}

// lookup6 is getname6 (-f does not apply to IPv6).
func (n *names) lookup6(a [16]byte) string {
	if name, ok := n.host6[a]; ok {
		return name
	}
	name := ""
	q := a // as in lookup4
	if h, ok := n.o.Resolver.HostByAddr(q[:]); ok {
		name = n.cut(h)
	}
	n.host6[a] = name
	return name
}

func (n *names) lookupEther(a [6]byte) string {
	if name, ok := n.ether[a]; ok {
		return name
	}
	name, _ := n.o.Resolver.EtherHost(a)
	n.ether[a] = name
	return name
}

// ip4Name prints the IPv4 address b as ipaddr_string does.
func (p *Printer) ip4Name(b []byte) {
	if name := p.names.lookup4([4]byte(b)); name != "" {
		p.s(name)
		return
	}
	p.ip4b(b)
}

// ip6Name prints the IPv6 address b as ip6addr_string does.
func (p *Printer) ip6Name(b []byte) {
	if name := p.names.lookup6([16]byte(b)); name != "" {
		p.s(name)
		return
	}
	p.ip6b(b)
}

// macName prints a MAC address as etheraddr_string does without -n: the
// ethers name, or the address and its OUI's name.
func (p *Printer) macName(b []byte) {
	if name := p.names.lookupEther([6]byte(b)); name != "" {
		p.s(name)
		return
	}
	p.macb(b)
	p.s(" (oui ")
	p.tokStr(ouiValues, uint32(b[0])<<16|uint32(b[1])<<8|uint32(b[2]), "Unknown")
	p.s(")")
}

// tcpPort prints a TCP port as tcpport_string does.
func (p *Printer) tcpPort(port uint16) {
	if p.names != nil {
		if name, ok := p.names.tcp[port]; ok {
			p.s(name)
			return
		}
	}
	p.u(uint64(port))
}

// udpPort prints a UDP port as udpport_string does.
func (p *Printer) udpPort(port uint16) {
	if p.names != nil {
		if name, ok := p.names.udp[port]; ok {
			p.s(name)
			return
		}
	}
	p.u(uint64(port))
}

// ipProtoNumber prints an IP protocol without a printer as tcpdump does:
// netdb_protoname's name without -n, else prefix and the number.
func (p *Printer) ipProtoNumber(prefix string, nh uint8) {
	if p.names != nil && netdbProtoNames[nh] != "" {
		p.s(netdbProtoNames[nh])
		return
	}
	p.s(prefix)
	p.u(uint64(nh))
}

// netdbProtoNames is ipproto.c's netdb_protocol_names ("" for NULL).
var netdbProtoNames = [256]string{
	0: "hopopt", 1: "icmp", 2: "igmp", 3: "ggp", 4: "ipencap", 5: "st", 6: "tcp", 7: "cbt",
	8: "egp", 9: "igp", 10: "bbn-rcc-mon", 11: "nvp-ii", 12: "pup", 13: "argus", 14: "emcon",
	15: "xnet", 16: "chaos", 17: "udp", 18: "mux", 19: "dcn-meas", 20: "hmp", 21: "prm",
	22: "xns-idp", 23: "trunk-1", 24: "trunk-2", 25: "leaf-1", 26: "leaf-2", 27: "rdp",
	28: "irtp", 29: "iso-tp4", 30: "netblt", 31: "mfe-nsp", 32: "merit-inp", 33: "dccp",
	34: "3pc", 35: "idpr", 36: "xtp", 37: "ddp", 38: "idpr-cmtp", 39: "tp++", 40: "il",
	41: "ipv6", 42: "sdrp", 43: "ipv6-route", 44: "ipv6-frag", 45: "idrp", 46: "rsvp",
	47: "gre", 48: "dsr", 49: "bna", 50: "esp", 51: "ah", 52: "i-nlsp", 53: "swipe",
	54: "narp", 55: "mobile", 56: "tlsp", 57: "skip", 58: "ipv6-icmp", 59: "ipv6-nonxt",
	60: "ipv6-opts", 62: "cftp", 64: "sat-expak", 65: "kryptolan", 66: "rvd", 67: "ippc",
	69: "sat-mon", 70: "visa", 71: "ipcv", 72: "cpnx", 73: "rspf", 74: "wsn", 75: "pvp",
	76: "br-sat-mon", 77: "sun-nd", 78: "wb-mon", 79: "wb-expak", 80: "iso-ip", 81: "vmtp",
	82: "secure-vmtp", 83: "vines", 84: "ttp", 85: "nsfnet-igp", 86: "dgp", 87: "tcf",
	88: "eigrp", 89: "ospf", 90: "sprite-rpc", 91: "larp", 92: "mtp", 93: "ax.25", 94: "ipip",
	95: "micp", 96: "scc-sp", 97: "etherip", 98: "encap", 100: "gmtp", 101: "ifmp",
	102: "pnni", 103: "pim", 104: "aris", 105: "scps", 106: "qnx", 107: "a/n", 108: "ipcomp",
	109: "snp", 110: "compaq-peer", 111: "ipx-in-ip", 112: "vrrp", 113: "pgm", 115: "l2tp",
	116: "ddx", 117: "iatp", 118: "stp", 119: "srp", 120: "uti", 121: "smp", 122: "sm",
	123: "ptp", 124: "isis", 125: "fire", 126: "crtp", 127: "crudp", 128: "sscopmce",
	129: "iplt", 130: "sps", 131: "pipe", 132: "sctp", 133: "fc", 134: "rsvp-e2e-ignore",
	135: "mobility-header", 136: "udplite", 137: "mpls-in-ip", 138: "manet", 139: "hip",
	140: "shim6", 141: "wesp", 142: "rohc", 253: "exptest-253", 254: "exptest-254", 255: "reserved",
}
