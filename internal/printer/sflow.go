// sFlow v5 (UDP port 6343), as tcpdump 4.99.3's print-sflow.c prints it
// (sflow_print: the datagram header, with -v every flow and counter
// sample, compact and expanded, with their records: raw packet headers,
// Ethernet frames, extended switch data, generic, Ethernet, 100BaseVG,
// VLAN and processor counters).

package printer

func init() {
	registerUDP("sflow", func(p *Printer, d portPayload) { p.sflowPrint(d.off, d.length) })
}

var sflowFormats = [...]string{1: "flow sample", 2: "counter sample", 3: "expanded flow sample", 4: "expanded counter sample"}

var sflowFlowTypes = map[uint32]string{1: "Raw packet", 2: "Ethernet frame", 3: "IPv4 Data", 4: "IPv6 Data",
	1001: "Extended Switch data", 1002: "Extended Router data", 1003: "Extended Gateway data",
	1004: "Extended User data", 1005: "Extended URL data", 1006: "Extended MPLS data", 1007: "Extended NAT data",
	1008: "Extended MPLS tunnel", 1009: "Extended MPLS VC", 1010: "Extended MPLS FEC",
	1011: "Extended MPLS LVP FEC", 1012: "Extended VLAN Tunnel"}

var sflowCounterTypes = map[uint32]string{1: "Generic counter", 2: "Ethernet counter", 3: "Token ring counter",
	4: "100 BaseVG counter", 5: "Vlan counter", 1001: "Processor counter"}

var sflowDirections = [...]string{"unknown", "full-duplex", "half-duplex", "in", "out"}

// sflowField is one value of a printf of print-sflow.c: its label and
// offset, and whether it is 64 bits wide.
type sflowField struct {
	label string
	off   int
	wide  bool
}

// sflowFields prints each label followed by its value, reading all of
// them first as the C printf does.
func (p *Printer) sflowFields(base int, fs []sflowField) {
	var v [8]uint64
	for i, f := range fs {
		if f.wide {
			v[i] = p.be64(base + f.off)
		} else {
			v[i] = uint64(p.be32(base + f.off))
		}
	}
	for i, f := range fs {
		p.s(f.label)
		p.u(v[i])
	}
}

func (p *Printer) sflowCounterRecords(pp, n int, records uint32) bool {
	for ; records > 0; records-- {
		if n < 8 {
			return false
		}
		f := p.be32(pp)
		typ, ent := f&0xfff, f>>20
		clen := int(p.be32(pp + 4))
		p.s("\n\t    enterprise ")
		p.u(uint64(ent))
		p.s(", ")
		if n, ok := sflowCounterTypes[typ]; ok && ent == 0 {
			p.s(n)
		} else {
			p.s("Unknown")
		}
		p.s(" (")
		p.u(uint64(typ))
		p.s(") length ")
		p.u(uint64(uint32(clen)))
		pp += 8
		n -= 8
		if uint32(n) < uint32(clen) {
			return false
		}
		if ent == 0 {
			switch typ {
			case 1:
				if n < 88 {
					return false
				}
				ifdir := p.be32(pp + 16)
				p.sflowFields(pp, []sflowField{{"\n\t      ifindex ", 0, false}, {", iftype ", 4, false}, {", ifspeed ", 8, true}, {", ifdirection ", 16, false}})
				p.s(" (")
				if ifdir < uint32(len(sflowDirections)) {
					p.s(sflowDirections[ifdir])
				} else {
					p.s("Unknown")
				}
				st := p.be32(pp + 20)
				p.s(")\n\t      ifstatus ")
				p.u(uint64(st))
				p.s(", adminstatus: ")
				if st&1 != 0 {
					p.s("up")
				} else {
					p.s("down")
				}
				p.s(", operstatus: ")
				if st>>1&1 != 0 {
					p.s("up")
				} else {
					p.s("down")
				}
				p.sflowFields(pp, []sflowField{{"\n\t      In octets ", 24, true}, {", unicast pkts ", 32, false}, {", multicast pkts ", 36, false}, {", broadcast pkts ", 40, false}, {", discards ", 44, false}})
				p.sflowFields(pp, []sflowField{{"\n\t      In errors ", 48, false}, {", unknown protos ", 52, false}})
				p.sflowFields(pp, []sflowField{{"\n\t      Out octets ", 56, true}, {", unicast pkts ", 64, false}, {", multicast pkts ", 68, false}, {", broadcast pkts ", 72, false}, {", discards ", 76, false}})
				p.sflowFields(pp, []sflowField{{"\n\t      Out errors ", 80, false}, {", promisc mode ", 84, false}})
			case 2:
				if n < 52 {
					return false
				}
				p.sflowFields(pp, []sflowField{{"\n\t      align errors ", 0, false}, {", fcs errors ", 4, false}, {", single collision ", 8, false}, {", multiple collision ", 12, false}, {", test error ", 16, false}})
				p.sflowFields(pp, []sflowField{{"\n\t      deferred ", 20, false}, {", late collision ", 24, false}, {", excessive collision ", 28, false}, {", mac trans error ", 32, false}})
				p.sflowFields(pp, []sflowField{{"\n\t      carrier error ", 36, false}, {", frames too long ", 40, false}, {", mac receive errors ", 44, false}, {", symbol errors ", 48, false}})
			case 3:
			case 4:
				if n < 80 {
					return false
				}
				p.sflowFields(pp, []sflowField{{"\n\t      in high prio frames ", 0, false}, {", in high prio octets ", 4, true}})
				p.sflowFields(pp, []sflowField{{"\n\t      in norm prio frames ", 12, false}, {", in norm prio octets ", 16, true}})
				p.sflowFields(pp, []sflowField{{"\n\t      in ipm errors ", 24, false}, {", oversized ", 28, false}, {", in data errors ", 32, false}, {", null addressed frames ", 36, false}})
				p.sflowFields(pp, []sflowField{{"\n\t      out high prio frames ", 40, false}, {", out high prio octets ", 44, true}, {", trans into frames ", 52, false}})
				p.sflowFields(pp, []sflowField{{"\n\t      in hc high prio octets ", 56, true}, {", in hc norm prio octets ", 64, true}, {", out hc high prio octets ", 72, true}})
			case 5:
				if n < 28 {
					return false
				}
				p.sflowFields(pp, []sflowField{{"\n\t      vlan_id ", 0, false}, {", octets ", 4, true}, {", unicast_pkt ", 12, false}, {", multicast_pkt ", 16, false}, {", broadcast_pkt ", 20, false}, {", discards ", 24, false}})
			case 1001:
				if n < 28 {
					return false
				}
				p.sflowFields(pp, []sflowField{{"\n\t      5sec ", 0, false}, {", 1min ", 4, false}, {", 5min ", 8, false}, {", total_mem ", 12, true}, {", total_mem ", 20, true}})
			default:
				if p.o.Verbose <= 1 {
					p.unknownData(pp, "\n\t\t", clen)
				}
			}
		}
		pp += clen
		n -= clen
	}
	return true
}

func (p *Printer) sflowFlowRecords(pp, n int, records uint32) bool {
	for ; records > 0; records-- {
		if n < 8 {
			return false
		}
		f := p.be32(pp)
		typ, ent := f&0xfff, f>>12
		flen := int(p.be32(pp + 4))
		p.s("\n\t    enterprise ")
		p.u(uint64(ent))
		p.c(' ')
		if n, ok := sflowFlowTypes[typ]; ok && ent == 0 {
			p.s(n)
		} else {
			p.s("Unknown")
		}
		p.s(" (")
		p.u(uint64(typ))
		p.s(") length ")
		p.u(uint64(uint32(flen)))
		pp += 8
		n -= 8
		if uint32(n) < uint32(flen) {
			return false
		}
		if ent == 0 {
			switch typ {
			case 1:
				if n < 16 {
					return false
				}
				p.check(pp, 16)
				proto := p.be32(pp)
				p.s("\n\t      protocol ")
				switch proto {
				case 1:
					p.s("Ethernet")
				case 11:
					p.s("IPv4")
				case 12:
					p.s("IPv6")
				default:
					p.s("Unknown")
				}
				p.s(" (")
				p.u(uint64(proto))
				p.c(')')
				p.sflowFields(pp, []sflowField{{", length ", 4, false}, {", stripped bytes ", 8, false}, {", header_size ", 12, false}})
			case 1001:
				if n < 16 {
					return false
				}
				p.sflowFields(pp, []sflowField{{"\n\t      src vlan ", 0, false}, {", src pri ", 4, false}, {", dst vlan ", 8, false}, {", dst pri ", 12, false}})
			case 2:
				if n < 24 {
					return false
				}
				p.sflowFields(pp, []sflowField{{"\n\t      frame len ", 0, false}, {", type ", 20, false}})
			case 3, 4, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012:
			default:
				if p.o.Verbose <= 1 {
					p.unknownData(pp, "\n\t\t", flen)
				}
			}
		}
		pp += flen
		n -= flen
	}
	return true
}

func (p *Printer) sflowSample(typ uint32, pp, n int) bool {
	switch typ {
	case 1:
		if n < 32 {
			return false
		}
		p.check(pp, 32)
		recs := p.be32(pp + 28)
		seq, st, idx := p.be32(pp), p.u8(pp+4), p.be24(pp+5)
		p.s(" seqnum ")
		p.u(uint64(seq))
		p.s(", type ")
		p.u(uint64(st))
		p.s(", idx ")
		p.u(uint64(idx))
		p.sflowFields(pp, []sflowField{{", rate ", 8, false}, {", pool ", 12, false}, {", drops ", 16, false}, {", input ", 20, false}, {" output ", 24, false}, {" records ", 28, false}})
		return p.sflowFlowRecords(pp+32, n-32, recs)
	case 2:
		if n < 12 {
			return false
		}
		p.check(pp, 12)
		recs := p.be32(pp + 8)
		seq, st, idx := p.be32(pp), p.u8(pp+4), p.be24(pp+5)
		p.s(" seqnum ")
		p.u(uint64(seq))
		p.s(", type ")
		p.u(uint64(st))
		p.s(", idx ")
		p.u(uint64(idx))
		p.s(", records ")
		p.u(uint64(recs))
		return p.sflowCounterRecords(pp+12, n-12, recs)
	case 3:
		if n < 44 {
			return false
		}
		recs := p.be32(pp + 40)
		p.sflowFields(pp, []sflowField{{" seqnum ", 0, false}, {", type ", 4, false}, {", idx ", 8, false}, {", rate ", 12, false}, {", pool ", 16, false}, {", drops ", 20, false}, {", records ", 40, false}})
		return p.sflowFlowRecords(pp+44, n-44, recs)
	case 4:
		if n < 16 {
			return false
		}
		recs := p.be32(pp + 12)
		p.sflowFields(pp, []sflowField{{" seqnum ", 0, false}, {", type ", 4, false}, {", idx ", 8, false}, {", records ", 12, false}})
		return p.sflowCounterRecords(pp+16, n-16, recs)
	}
	return true
}

func (p *Printer) sflowPrint(bp, length int) {
	p.proto = "sflow"
	ipv := p.be32(bp + 4)
	if (length < 28 && ipv == 1) || (length < 40 && ipv == 2) {
		v := p.be32(bp)
		p.s("sFlowv")
		p.u(uint64(v))
		p.s(" [length ")
		p.u(uint64(uint32(length)))
		p.s(" < 28]")
		p.invalid()
		return
	}
	p.check(bp, 28)
	ver := p.be32(bp)
	if ver != 5 {
		p.s("sFlow version ")
		p.u(uint64(ver))
		p.s(" packet not supported")
		return
	}
	v4 := ipv == 1
	if p.o.Verbose < 1 {
		if v4 {
			id := p.be32(bp + 12)
			p.s("sFlowv5, IPv4 agent ")
			p.ip4(bp + 8)
			p.s(", agent-id ")
			p.u(uint64(id))
		} else {
			p.check(bp+8, 16)
			id := p.be32(bp + 24)
			p.s("sFlowv5, IPv6 agent ")
			p.ip6(bp + 8)
			p.s(", agent-id ")
			p.u(uint64(id))
		}
		p.s(", length ")
		p.u(uint64(uint32(length)))
		return
	}
	hdr, aoff, alen := 28, bp+8, 4
	if !v4 {
		hdr, alen = 40, 16
	}
	nsamples := p.be32(bp + hdr - 4)
	p.check(aoff, alen)
	id, seq, up := p.be32(aoff+alen), p.be32(aoff+alen+4), p.be32(aoff+alen+8)
	p.s("sFlowv5, ")
	if v4 {
		p.s("IPv4 agent ")
		p.ip4(aoff)
	} else {
		p.s("IPv6 agent ")
		p.ip6(aoff)
	}
	p.s(", agent-id ")
	p.u(uint64(id))
	p.s(", seqnum ")
	p.u(uint64(seq))
	p.s(", uptime ")
	p.u(uint64(up))
	p.s(", samples ")
	p.u(uint64(nsamples))
	p.s(", length ")
	p.u(uint64(uint32(length)))
	tp, tlen := bp+hdr, length
	if tlen < hdr {
		p.sflowInvalid(tp, 0)
		return
	}
	tlen -= hdr
	for nsamples > 0 && tlen > 0 {
		typ := p.be32(tp) & 0xfff
		slen := p.be32(tp + 4)
		if tlen < 8 {
			p.sflowInvalid(tp, tlen)
			return
		}
		tp += 8
		tlen -= 8
		p.s("\n\t")
		if int(typ) < len(sflowFormats) && sflowFormats[typ] != "" {
			p.s(sflowFormats[typ])
		} else {
			p.s("Unknown")
		}
		p.s(" (")
		p.u(uint64(typ))
		p.s("), length ")
		p.u(uint64(slen))
		p.c(',')
		if typ == 0 || slen == 0 {
			return
		}
		if uint32(tlen) < slen {
			p.sflowInvalid(tp, tlen)
			return
		}
		p.check(tp, int(slen))
		switch typ {
		case 1, 2, 3, 4:
			if !p.sflowSample(typ, tp, tlen) {
				p.sflowInvalid(tp, tlen)
				return
			}
		default:
			if p.o.Verbose <= 1 {
				p.unknownData(tp, "\n\t    ", int(slen))
			}
		}
		tp += int(slen)
		tlen -= int(slen)
		nsamples--
	}
}

// sflowInvalid is sflow_print's invalid label: " (invalid)", then a
// check that the rest is captured.
func (p *Printer) sflowInvalid(tp, tlen int) {
	p.invalid()
	p.check(tp, tlen)
}
