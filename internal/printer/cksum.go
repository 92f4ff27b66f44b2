// Internet checksums, as tcpdump 4.99.3's in_cksum.c computes them
// (in_cksum, in_cksum_shouldbe), and the pseudo-header sums of print-ip.c
// (nextproto4_cksum) and print-ip6.c (nextproto6_cksum, with the final
// destination of a routing header).

package printer

// cksum adds data to a one's complement sum and returns the folded,
// complemented result when called with the final chunk (in_cksum).
func sum16(acc uint32, b []byte) uint32 {
	n := len(b)
	i := 0
	for ; i+1 < n; i += 2 {
		acc += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if n&1 == 1 {
		acc += uint32(b[n-1]) << 8
	}
	return acc
}

func fold(acc uint32) uint16 {
	for acc>>16 != 0 {
		acc = acc&0xffff + acc>>16
	}
	return ^uint16(acc)
}

func cksum(acc uint32, b []byte) uint16 { return fold(sum16(acc, b)) }

func shouldBe(sum, computed uint16) uint16 {
	s := uint32(sum) + uint32(computed)
	s = s&0xffff + s>>16
	s = s&0xffff + s>>16
	return uint16(s)
}

// pseudoSum returns the pseudo-header sum for the transport checksum.
func (p *Printer) pseudoSum(iph int, proto uint8, length int) uint32 {
	if p.pkt[iph]>>4 == 4 {
		acc := sum16(0, p.pkt[iph+12:iph+16])
		dst := iph + 16
		if p.pkt[iph]&0x0f != 5 {
			dst = p.ipFindDst(iph)
		}
		acc = sum16(acc, p.pkt[dst:dst+4])
		return acc + uint32(proto) + uint32(uint16(length))
	}
	acc := sum16(0, p.pkt[iph+8:iph+24])
	dst := iph + 24
	switch p.pkt[iph+6] {
	case 0, 60, 62, 135, 44, 43:
		dst = p.ip6FindDst(iph)
	}
	acc = sum16(acc, p.pkt[dst:dst+16])
	return acc + uint32(proto) + uint32(length>>16) + uint32(length&0xffff)
}
