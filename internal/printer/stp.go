// Spanning tree BPDUs (802.1D STP, 802.1w RSTP, 802.1s MSTP, 802.1aq
// SPB), as tcpdump 4.99.3's print-stp.c prints them: over LLC SAP 0x42,
// Cisco PVST+ SNAP and RFC 2684 bridged BPDUs.

package printer

var stpProtoValues = []tokL2{{0, "802.1d"}, {2, "802.1w"}, {3, "802.1s"}, {4, "802.1aq"}}

var stpBPDUFlagValues = []tokL2{
	{0x01, "Topology change"}, {0x02, "Proposal"}, {0x10, "Learn"},
	{0x20, "Forward"}, {0x40, "Agreement"}, {0x80, "Topology change ACK"},
}

var stpBPDUTypeValues = []tokL2{{0x00, "Config"}, {0x02, "Rapid STP"}, {0x80, "Topology Change"}}

var rstpPortRoleValues = []tokL2{{0, "Unknown"}, {1, "Alternate"}, {2, "Root"}, {3, "Designated"}}

// BPDU field offsets.
const (
	stpFlags      = 4
	stpRootID     = 5
	stpRootCost   = 13
	stpBridgeID   = 17
	stpPortID     = 25
	stpMsgAge     = 27
	stpMaxAge     = 29
	stpHello      = 31
	stpFwdDelay   = 33
	stpV1Len      = 35
	stpBPDULen    = 36 // sizeof(struct stp_bpdu_)
	mstV3LenOff   = 36
	mstNameOff    = 39
	mstDigestOff  = 73
	mstIntCostOff = 89
	mstBridgeOff  = 93
	mstHopsOff    = 101
	mstMSTIOff    = 102
	mstMinLen     = 102
	spbMinLen     = 87
)

func (p *Printer) stpBridgeID(off int) {
	p.check(off, 8)
	b := p.pkt[off : off+8]
	p.hex2(b[0])
	p.hex2(b[1])
	p.c('.')
	for i := 2; i < 8; i++ {
		if i > 2 {
			p.c(':')
		}
		p.hex2(b[i])
	}
}

func (p *Printer) stpTimes(bp int) {
	p.check(bp+stpMsgAge, 8)
	p.s("\n\tmessage-age ")
	p.f2(float64(float32(p.be16(bp+stpMsgAge)) / 256))
	p.s("s, max-age ")
	p.f2(float64(float32(p.be16(bp+stpMaxAge)) / 256))
	p.s("s, hello-time ")
	p.f2(float64(float32(p.be16(bp+stpHello)) / 256))
	p.s("s, forwarding-delay ")
	p.f2(float64(float32(p.be16(bp+stpFwdDelay)) / 256))
	p.s("s")
}

func (p *Printer) stpConfig(bp, length int) {
	flags := p.u8(bp + stpFlags)
	p.s(", Flags [")
	p.bittokOr(stpBPDUFlagValues, uint32(flags), "none")
	p.s("]")
	p.check(bp+stpBridgeID, 10)
	p.s(", bridge-id ")
	p.stpBridgeID(bp + stpBridgeID)
	p.c('.')
	p.xpad(uint64(p.be16(bp+stpPortID)), 4)
	p.s(", length ")
	p.u(uint64(uint32(length)))
	if p.o.Verbose == 0 {
		return
	}
	p.stpTimes(bp)
	p.check(bp+stpRootID, 12)
	p.s("\n\troot-id ")
	p.stpBridgeID(bp + stpRootID)
	p.s(", root-pathcost ")
	p.u(uint64(p.be32(bp + stpRootCost)))
	if p.u8(bp+2) == 2 {
		p.s(", port-role ")
		p.tokStr(rstpPortRoleValues, uint32(flags&0x0c>>2), "Unknown")
	}
}

func (p *Printer) stpMSTP(bp, length int) {
	flags := p.u8(bp + stpFlags)
	p.s(", CIST Flags [")
	p.bittokOr(stpBPDUFlagValues, uint32(flags), "none")
	p.s("], length ")
	p.u(uint64(uint32(length)))
	if p.o.Verbose == 0 {
		return
	}
	p.s("\n\tport-role ")
	p.tokStr(rstpPortRoleValues, uint32(flags&0x0c>>2), "Unknown")
	p.s(", ")
	p.check(bp+stpRootID, 12)
	p.s("CIST root-id ")
	p.stpBridgeID(bp + stpRootID)
	p.s(", CIST ext-pathcost ")
	p.u(uint64(p.be32(bp + stpRootCost)))
	p.s("\n\tCIST regional-root-id ")
	p.stpBridgeID(bp + stpBridgeID)
	p.s(", CIST port-id ")
	p.xpad(uint64(p.be16(bp+stpPortID)), 4)
	p.c(',')
	p.stpTimes(bp)
	p.s("\n\tv3len ")
	p.u(uint64(p.be16(bp + mstV3LenOff)))
	p.s(", MCID Name ")
	p.printjnp(bp+mstNameOff, 32)
	p.check(bp+mstNameOff+32, 2)
	p.check(bp+mstDigestOff, 16)
	p.s(", rev ")
	p.u(uint64(p.be16(bp + mstNameOff + 32)))
	p.s(",\n\t\tdigest ")
	for i := 0; i < 16; i += 4 {
		p.xpad(uint64(p.be32(bp+mstDigestOff+i)), 8)
	}
	p.s(", ")
	p.check(bp+mstIntCostOff, 4)
	p.s("CIST int-root-pathcost ")
	p.u(uint64(p.be32(bp + mstIntCostOff)))
	p.s(",")
	p.check(bp+mstBridgeOff, 8)
	p.s("\n\tCIST bridge-id ")
	p.stpBridgeID(bp + mstBridgeOff)
	p.s(", ")
	p.su8("CIST remaining-hops ", bp+mstHopsOff)
	v3len := p.be16(bp + mstV3LenOff)
	if v3len > 64 {
		n := v3len - 64
		off := bp + mstMSTIOff
		for n >= 16 {
			p.check(off, 3)
			msti := p.be16(off+1) & 0x0fff
			f := p.u8(off)
			p.s("\n\tMSTI ")
			p.u(uint64(msti))
			p.s(", Flags [")
			p.bittokOr(stpBPDUFlagValues, uint32(f), "none")
			p.s("], port-role ")
			p.tokStr(rstpPortRoleValues, uint32(f&0x0c>>2), "Unknown")
			p.check(off+1, 12)
			p.s("\n\t\tMSTI regional-root-id ")
			p.stpBridgeID(off + 1)
			p.s(", pathcost ")
			p.u(uint64(p.be32(off + 9)))
			p.check(off+13, 3)
			p.s("\n\t\tMSTI bridge-prio ")
			p.u(uint64(p.u8(off+13) >> 4))
			p.s(", port-prio ")
			p.u(uint64(p.u8(off+14) >> 4))
			p.s(", hops ")
			p.u(uint64(p.u8(off + 15)))
			n -= 16
			off += 16
		}
	}
}

func (p *Printer) stpSPB(bp, off int) {
	if p.o.Verbose == 0 {
		return
	}
	b := bp + off
	p.s("\n\tv4len ")
	p.u(uint64(p.be16(b)))
	p.s(", AUXMCID Name ")
	p.printjnp(b+3, 32)
	p.check(b+35, 18)
	p.s(", Rev ")
	p.u(uint64(p.be16(b + 35)))
	p.s(",\n\t\tdigest ")
	for i := 0; i < 16; i += 4 {
		p.xpad(uint64(p.be32(b+37+i)), 8)
	}
	p.check(b+53, 34)
	agr := p.u8(b + 53)
	p.s("\n\tAgreement num ")
	p.u(uint64(agr >> 6))
	p.s(", Discarded Agreement num ")
	p.u(uint64(agr >> 4 & 3))
	p.s(", Agreement valid-flag ")
	p.u(uint64(agr >> 3 & 1))
	p.s(",\n\tRestricted role-flag: ")
	p.u(uint64(agr >> 2 & 1))
	fmtID := p.u8(b + 55)
	p.s(", Format id ")
	p.u(uint64(fmtID >> 4))
	p.s(" cap ")
	p.u(uint64(fmtID))
	con := p.u8(b + 56)
	p.s(", Convention id ")
	p.u(uint64(con >> 4))
	p.s(" cap ")
	p.u(uint64(con))
	p.s(",\n\tEdge count ")
	p.u(uint64(p.be16(b + 57)))
	p.s(", Agreement digest ")
	for i := 0; i < 20; i += 4 {
		p.xpad(uint64(p.be32(b+67+i)), 8)
	}
}

// stpPrint is stp_print.
func (p *Printer) stpPrint(bp, length int) {
	p.proto = "stp"
	if length < 4 {
		p.invalid()
		return
	}
	if p.be16(bp) != 0 {
		p.s("unknown STP version, length ")
		p.u(uint64(uint32(length)))
		return
	}
	ver := p.u8(bp + 2)
	p.s("STP ")
	p.tokStrX(stpProtoValues, uint32(ver), "Unknown STP protocol (0x", 2, ")")
	if ver != 0 && ver != 2 && ver != 3 && ver != 4 {
		return
	}
	typ := p.u8(bp + 3)
	p.s(", ")
	p.tokStrX(stpBPDUTypeValues, uint32(typ), "Unknown BPDU Type (0x", 2, ")")
	switch typ {
	case 0x00:
		if length < stpBPDULen-1 {
			p.invalid()
			return
		}
		p.stpConfig(bp, length)
	case 0x02:
		switch ver {
		case 2:
			if length < stpBPDULen {
				p.invalid()
				return
			}
			p.stpConfig(bp, length)
		case 3, 4:
			if length < mstMinLen {
				p.invalid()
				return
			}
			if p.u8(bp+stpV1Len) != 0 {
				p.invalid()
				return
			}
			mstpLen := uint32(p.be16(bp+mstV3LenOff)) + 2
			if uint32(length) < stpBPDULen+mstpLen {
				p.invalid()
				return
			}
			p.stpMSTP(bp, length)
			if ver == 4 {
				spbLen := uint32(p.be16(bp+mstV3LenOff+int(mstpLen))) + 2
				if uint32(length) < stpBPDULen+mstpLen+spbLen || spbLen < spbMinLen {
					p.invalid()
					return
				}
				p.stpSPB(bp, stpBPDULen+int(mstpLen))
			}
		}
	}
}
