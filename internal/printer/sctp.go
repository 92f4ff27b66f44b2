// SCTP, as tcpdump 4.99.3's print-sctp.c prints it: the addresses and
// ports, then each chunk with its own fields (DATA, INIT and INIT ACK,
// SACK with gap blocks and duplicate TSNs), one per line with -vv.
// (Chunk types added to tcpdump after 4.99.3, I-DATA, RE-CONFIG and
// ASCONF, print as unknown or by their older names, as 4.99.3 does.) The
// payloads tcpdump hands to other printers (M3UA with -vv, ForCES) are not
// decoded here.

package printer

func init() {
	registerIPProto(132, "sctp", func(p *Printer, d ipPayload) { p.sctpPrint(d.off, d.iph, d.length) })
}

var sctpChunkNames = map[uint8]string{0x00: "DATA", 0x01: "INIT", 0x02: "INIT ACK", 0x03: "SACK",
	0x04: "HB REQ", 0x05: "HB ACK", 0x06: "ABORT", 0x07: "SHUTDOWN", 0x08: "SHUTDOWN ACK",
	0x09: "OP ERR", 0x0a: "COOKIE ECHO", 0x0b: "COOKIE ACK", 0x0c: "ECN ECHO", 0x0d: "ECN CWR",
	0x0e: "SHUTDOWN COMPLETE", 0xc0: "FOR CUM TSN", 0xc1: "REL CTRL", 0xc2: "REL CTRL ACK"}

var sctpPPIDs = map[uint32]string{1: "ISDN Q.921", 2: "M2UA", 3: "M3UA", 4: "SUA", 5: "M2PA", 6: "V5.2",
	7: "H.248", 8: "BICC", 9: "TALI", 10: "DUA", 11: "ASAP", 12: "ENRP", 13: "H.323", 14: "Q.IPC",
	15: "SIMCO", 16: "DDPSC", 17: "DDPSSC", 18: "S1AP", 19: "RUA", 20: "HNBAP", 21: "ForCES HP",
	22: "ForCES MP", 23: "ForCES LP", 24: "SBc-AP", 25: "NBAP", 27: "X2AP"}

// sctpPPID prints a payload protocol identifier (tok2str with "0x%x").
func (p *Printer) sctpPPID(v uint32) {
	if n, ok := sctpPPIDs[v]; ok {
		p.s(n)
		return
	}
	p.s("0x")
	p.x(uint64(v))
}

// sctpBogus ends the packet with tcpdump's complaint about a chunk too
// short for its fields.
type sctpBogus struct{}

func (p *Printer) sctpBogusLen(chunkLen int) {
	p.s("bogus chunk length ")
	p.u(uint64(chunkLen))
	p.s("]")
	panic(sctpBogus{})
}

func isForCESPort(port uint16) bool { return port >= 6704 && port <= 6706 }

var forcesChannels = [...]string{"ForCES HP", "ForCES MP", "ForCES LP"}

// sctpPrint is sctp_print: the SCTP packet of length bytes at bp carried
// by the IP header at iph.
func (p *Printer) sctpPrint(bp, iph, length int) {
	p.proto = "sctp"
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(sctpBogus); !ok {
				panic(r)
			}
		}
	}()
	if length < 12 {
		p.s("truncated-sctp - ")
		p.u(uint64(12 - length))
		p.s(" bytes missing!")
		return
	}
	if !p.ttest(bp, 12) {
		p.trunc() // a local trunc label, not a longjmp
		return
	}
	sport, dport := p.be16(bp), p.be16(bp+2)
	v6 := p.pkt[iph]>>4 == 6
	p.addrPort(iph, v6, true, sport)
	p.s(" > ")
	p.addrPort(iph, v6, false, dport)
	p.s(": sctp")
	forces := false
	if isForCESPort(sport) {
		p.s("[")
		p.s(forcesChannels[sport-6704])
		p.s("]")
		forces = true
	}
	if isForCESPort(dport) {
		p.s("[")
		p.s(forcesChannels[dport-6704])
		p.s("]")
		forces = true
	}
	bp += 12
	remaining := uint32(length - 12)
	sep := " ("
	if p.o.Verbose >= 2 {
		sep = "\n\t"
	}
	for count := 0; remaining != 0; count++ {
		if remaining < 4 {
			p.s(sep)
			p.u(uint64(count + 1))
			p.s(") [chunk descriptor cut off at end of packet]")
			break
		}
		if !p.ttest(bp, 4) {
			p.trunc() // a local trunc label, not a longjmp
			return
		}
		chunkID := p.pkt[bp]
		chunkFlg := p.pkt[bp+1]
		chunkLen := int(p.be16(bp + 2))
		if chunkLen < 4 {
			p.s(sep)
			p.u(uint64(count + 1))
			p.s(") [Bad chunk length ")
			p.u(uint64(chunkLen))
			p.s(", < size of chunk descriptor]")
			break
		}
		rem := uint16(chunkLen)
		align := chunkLen % 4
		if align != 0 {
			align = 4 - align
		}
		if remaining < uint32(align) {
			p.s(sep)
			p.u(uint64(count + 1))
			p.s(") [Bad chunk length ")
			p.u(uint64(chunkLen))
			p.s(", > remaining data in packet]")
			break
		}
		if !p.ttest(bp, chunkLen) {
			p.trunc() // a local trunc label, not a longjmp
			return
		}
		// skip consumes n bytes of the chunk.
		skip := func(n int) {
			bp += n
			remaining -= uint32(n)
			rem -= uint16(n)
		}
		skip(4)
		p.s(sep)
		p.u(uint64(count + 1))
		p.s(") [")
		if n, ok := sctpChunkNames[chunkID]; ok {
			p.s(n)
		} else {
			p.s("Unknown chunk type: 0x")
			p.x(uint64(chunkID))
		}
		p.s("] ")
		switch chunkID {
		case 0x00: // DATA
			if chunkFlg&0x04 != 0 {
				p.s("(U)")
			}
			if chunkFlg&0x02 != 0 {
				p.s("(B)")
			}
			if chunkFlg&0x01 != 0 {
				p.s("(E)")
			}
			if chunkFlg&0x07 != 0 {
				p.c(' ')
			}
			if rem < 12 {
				p.sctpBogusLen(chunkLen)
			}
			ppid := p.be32(bp + 8)
			p.s("[TSN: ")
			p.u(uint64(p.be32(bp)))
			p.s("] [SID: ")
			p.u(uint64(p.be16(bp + 4)))
			p.s("] [SSEQ ")
			p.u(uint64(p.be16(bp + 6)))
			p.s("] [PPID ")
			p.sctpPPID(ppid)
			p.s("] ")
			if !forces {
				forces = ppid >= 21 && ppid <= 23
			}
			skip(12)
			if rem == 0 {
				p.sctpBogusLen(chunkLen)
			}
			if forces {
				// ForCES payloads are not decoded here.
			} else if p.o.Verbose >= 2 {
				p.sctpPayload(bp, int(rem), ":")
			}
			skip(int(rem))
		case 0x01, 0x02: // INIT, INIT ACK
			if rem < 16 {
				p.sctpBogusLen(chunkLen)
			}
			p.s("[init tag: ")
			p.u(uint64(p.be32(bp)))
			p.s("] [rwnd: ")
			p.u(uint64(p.be32(bp + 4)))
			p.s("] [OS: ")
			p.u(uint64(p.be16(bp + 8)))
			p.s("] [MIS: ")
			p.u(uint64(p.be16(bp + 10)))
			p.s("] [init TSN: ")
			p.u(uint64(p.be32(bp + 12)))
			p.s("] ")
			skip(16)
			skip(int(rem))
		case 0x03: // SACK
			if rem < 12 {
				p.sctpBogusLen(chunkLen)
			}
			cum := p.be32(bp)
			ngaps := int(p.be16(bp + 8))
			ndups := int(p.be16(bp + 10))
			p.s("[cum ack ")
			p.u(uint64(cum))
			p.s("] [a_rwnd ")
			p.u(uint64(p.be32(bp + 4)))
			p.s("] [#gap acks ")
			p.u(uint64(ngaps))
			p.s("] [#dup tsns ")
			p.u(uint64(ndups))
			p.s("] ")
			skip(12)
			for i := 0; rem != 0 && i < ngaps; i++ {
				if rem < 4 {
					p.sctpBogusLen(chunkLen)
				}
				p.s("\n\t\t[gap ack block #")
				p.u(uint64(i + 1))
				p.s(": start = ")
				p.u(uint64(cum + uint32(p.be16(bp))))
				p.s(", end = ")
				p.u(uint64(cum + uint32(p.be16(bp+2))))
				p.s("] ")
				skip(4)
			}
			for i := 0; rem != 0 && i < ndups; i++ {
				if rem < 4 {
					p.sctpBogusLen(chunkLen)
				}
				p.s("\n\t\t[dup TSN #")
				p.u(uint64(i + 1))
				p.s(": ")
				p.u(uint64(p.be32(bp)))
				p.s("] ")
				skip(4)
			}
		default:
			skip(int(rem))
		}
		skip(int(rem))
		if p.o.Verbose < 2 {
			sep = ", ("
		}
		if align != 0 {
			if !p.ttest(bp, align) {
				p.trunc() // a local trunc label, not a longjmp
				return
			}
			bp += align
			remaining -= uint32(align)
		}
	}
}

// sctpPayload is the "[Payload...]" of a DATA chunk with -vv: a hex dump
// unless -x or -X or -q suppress it.
func (p *Printer) sctpPayload(bp, n int, colon string) {
	p.s("[Payload")
	if !p.suppressDefault {
		p.s(colon)
		p.hexASCII("\n\t", p.pkt[bp:bp+n])
	}
	p.s("]")
}
