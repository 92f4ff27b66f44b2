// BFD (UDP ports 3784, 4784, 6784 control and 3785 echo), as tcpdump
// 4.99.3's print-bfd.c prints it (bfd_print: version 0 and 1 control
// packets with their flags, state, diagnostic, timers and authentication
// section; echo packets).

package printer

func init() {
	registerUDP("bfd", func(p *Printer, d portPayload) { p.bfdPrint(d.off, d.length, d.dport) })
}

var bfdDiags = [...]string{"No Diagnostic", "Control Detection Time Expired", "Echo Function Failed",
	"Neighbor Signaled Session Down", "Forwarding Plane Reset", "Path Down", "Concatenated Path Down",
	"Administratively Down", "Reverse Concatenated Path Down"}

var bfdV0Flags = []bitName{{0x80, "I Hear You"}, {0x40, "Demand"}, {0x20, "Poll"}, {0x10, "Final"},
	{0x08, "Control Plane Independent"}, {0x04, "Authentication Present"}, {0x02, "Reserved"}, {0x01, "Reserved"}}

var bfdV1Flags = []bitName{{0x20, "Poll"}, {0x10, "Final"}, {0x08, "Control Plane Independent"},
	{0x04, "Authentication Present"}, {0x02, "Demand"}, {0x01, "Multipoint"}}

var bfdStates = [4]string{"AdminDown", "Down", "Init", "Up"}

var bfdAuthTypes = [...]string{1: "Simple Password", 2: "Keyed MD5", 3: "Meticulous Keyed MD5",
	4: "Keyed SHA1", 5: "Meticulous Keyed SHA1"}

func (p *Printer) bfdPort(port uint16) {
	switch port {
	case 3784:
		p.s("Control")
	case 4784:
		p.s("Multihop")
	case 6784:
		p.s("Lag")
	default:
		p.s("unknown (")
		p.u(uint64(port))
		p.s(")")
	}
}

func (p *Printer) bfdPrint(bp, length int, port uint16) {
	p.proto = "bfd"
	switch port {
	case 3784, 4784, 6784:
	case 3785:
		p.s("BFD, Echo, length: ")
		p.u(uint64(uint32(length)))
		if p.o.Verbose >= 1 {
			p.unknownData(bp, "\n\t", length)
		}
		return
	default:
		p.s("BFD, unknown (")
		p.u(uint64(port))
		p.s("), length: ")
		p.u(uint64(uint32(length)))
		if p.o.Verbose >= 1 {
			p.unknownData(bp, "\n\t", length)
		}
		return
	}
	p.check(bp, 24)
	vd := p.u8(bp)
	version := vd >> 5
	diag := vd & 0x1f
	flags := p.u8(bp + 1)
	if version > 1 {
		p.s("BFDv")
		p.u(uint64(version))
		p.s(", Control, length: ")
		p.u(uint64(uint32(length)))
		if p.o.Verbose >= 1 {
			p.unknownData(bp, "\n\t", length)
		}
		return
	}
	if p.o.Verbose < 1 {
		if version == 0 {
			p.s("BFDv0, Control, Flags: [")
			p.bits8(flags, bfdV0Flags, "none")
		} else {
			p.s("BFDv1, ")
			p.bfdPort(port)
			p.s(", State ")
			p.s(bfdStates[flags>>6])
			p.s(", Flags: [")
			p.bits8(flags&0x3f, bfdV1Flags, "none")
		}
		p.s("], length: ")
		p.u(uint64(uint32(length)))
		return
	}
	if version == 0 {
		p.s("BFDv0, length: ")
		p.u(uint64(uint32(length)))
		p.s("\n\tControl, Flags: [")
		p.bits8(flags, bfdV0Flags, "none")
	} else {
		p.s("BFDv1, length: ")
		p.u(uint64(uint32(length)))
		p.s("\n\t")
		p.bfdPort(port)
		p.s(", State ")
		p.s(bfdStates[flags>>6])
		p.s(", Flags: [")
		p.bits8(flags&0x3f, bfdV1Flags, "none")
	}
	p.s("], Diagnostic: ")
	if int(diag) < len(bfdDiags) {
		p.s(bfdDiags[diag])
	} else {
		p.s("unknown")
	}
	p.s(" (0x")
	p.xpad(uint64(diag), 2)
	p.s(")\n\tDetection Timer Multiplier: ")
	mult := uint32(p.u8(bp + 2))
	p.u(uint64(mult))
	p.s(" (")
	p.u(uint64(mult * p.be32(bp+12) / 1000))
	p.s(" ms Detection time), BFD Length: ")
	p.u(uint64(p.u8(bp + 3)))
	p.s("\n\tMy Discriminator: 0x")
	p.xpad(uint64(p.be32(bp+4)), 8)
	p.s(", Your Discriminator: 0x")
	p.xpad(uint64(p.be32(bp+8)), 8)
	p.s("\n\t  Desired min Tx Interval:    ")
	p.padUint(uint64(p.be32(bp+12)/1000), 4)
	p.s(" ms\n\t  Required min Rx Interval:   ")
	p.padUint(uint64(p.be32(bp+16)/1000), 4)
	p.s(" ms\n\t  Required min Echo Interval: ")
	p.padUint(uint64(p.be32(bp+20)/1000), 4)
	p.s(" ms")
	if flags&0x04 != 0 {
		p.bfdAuth(bp + 24)
	}
}

func (p *Printer) bfdAuth(bp int) {
	p.check(bp, 4)
	typ := p.u8(bp)
	alen := p.u8(bp + 1)
	p.s("\n\tAuthentication: ")
	if int(typ) < len(bfdAuthTypes) && bfdAuthTypes[typ] != "" {
		p.s(bfdAuthTypes[typ])
	} else {
		p.s("Unknown")
	}
	p.s(" (")
	p.u(uint64(typ))
	p.s("), length: ")
	p.u(uint64(alen))
	key := p.u8(bp + 2)
	p.s("\n\t  Auth Key ID: ")
	p.u(uint64(key))
	hash := func(want uint8, n int, label string) {
		if alen != want {
			p.s("[invalid length ")
			p.u(uint64(alen))
			p.s("]")
			return
		}
		seq := p.be32(bp + 4)
		p.s(", Sequence Number: 0x")
		p.xpad(uint64(seq), 8)
		p.check(bp+8, n)
		p.s(label)
		for i := 0; i < n; i++ {
			p.hex2(p.pkt[bp+8+i])
		}
	}
	switch typ {
	case 1:
		if alen < 4 || alen > 19 {
			p.s("[invalid length ")
			p.u(uint64(alen))
			p.s("]")
			return
		}
		p.s(", Password: ")
		p.nprintn(bp+3, int(alen)-3)
	case 2, 3:
		hash(24, 16, "\n\t  Digest: ")
	case 4, 5:
		hash(28, 20, "\n\t  Hash: ")
	}
}
