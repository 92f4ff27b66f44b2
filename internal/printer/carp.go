// CARP, the Common Address Redundancy Protocol of OpenBSD, as tcpdump
// 4.99.3's print-carp.c prints it. It shares IP protocol 112 with VRRP;
// tcpdump decodes it only with -T carp (Options.CARP). Only that part of
// -T carp is reproduced: tcpdump's -T also stops the decoding of UDP and
// TCP payloads, which this package goes on decoding.

package printer

func (p *Printer) carpPrint(bp, length int, ttl uint8) {
	p.proto = "carp"
	b := p.u8(bp)
	version, typ := b>>4, b&0x0f
	p.s("CARPv")
	p.u(uint64(version))
	if typ == 1 {
		p.s("-advertise ")
	} else {
		p.s("-unknown ")
	}
	p.u(uint64(uint32(length)))
	p.s(": ")
	if ttl != 255 {
		p.s("[ttl=")
		p.u(uint64(ttl))
		p.s("!] ")
	}
	if version != 2 || typ != 1 {
		return
	}
	vhid, advbase, advskew, authlen := p.u8(bp+1), p.u8(bp+5), p.u8(bp+2), p.u8(bp+3)
	p.s("vhid=")
	p.u(uint64(vhid))
	p.s(" advbase=")
	p.u(uint64(advbase))
	p.s(" advskew=")
	p.u(uint64(advskew))
	p.s(" authlen=")
	p.u(uint64(authlen))
	p.c(' ')
	if p.o.Verbose > 0 && p.ttest(bp, length) && cksum(0, p.pkt[bp:bp+length]) != 0 {
		p.s(" (bad carp cksum ")
		p.x(uint64(p.be16(bp + 6)))
		p.s("!)")
	}
	counter := p.be64(bp + 8)
	p.s("counter=")
	p.u(counter)
}
