// NFS file handles, as tcpdump 4.99.3 prints them: print-nfs.c's
// nfs_printfh with parsenfsfh.c's Parse_fh, the heuristics that guess
// the server's operating system from the layout of the handle (Auspex,
// 4.4BSD, OSF, IRIX, SunOS, Ultrix, VMS UCX, HP-UX) to find its file
// system device and inode numbers, and the hex digits of a handle of no
// known layout.

package printer

// Kinds of handle Parse_fh recognizes (FHT_*).
const (
	fhtUnknown = iota
	fhtAuspex
	fhtDECOSF
	fhtIRIX4
	fhtIRIX5
	fhtSunOS3
	fhtSunOS4
	fhtUltrix
	fhtVMSUCX
	fhtSunOS5
	fhtAIX32
	fhtHPUX9
	fhtBSD44
)

// nfsFHType is the decision tree of Parse_fh for the handle of words
// 32-bit words at fh.
func (p *Printer) nfsFHType(fh int, words uint32) int {
	if words < 4 {
		return fhtUnknown
	}
	b := func(i int) byte { return p.u8(fh + i) }
	if b(0) == 0 && b(1) == 0 {
		switch {
		case b(2) == 0 && b(3) == 0:
			return fhtAuspex
		case b(4) != 0 && b(5) == 0 && b(8) == 12 && b(9) == 0:
			return fhtDECOSF
		case b(4) == 0 && b(5) == 8 && b(6) == 0 && b(7) == 0:
			return fhtIRIX4
		}
		return fhtSunOS4
	}
	if b(2) == 0 && b(3) == 0 {
		switch {
		case b(6) == 0 && b(7) == 0:
			return fhtBSD44
		case words >= 6 && b(21) == 0 && b(23) == 0:
			return fhtUltrix
		case b(9) == 10:
			return fhtSunOS5
		}
		return fhtUnknown
	}
	switch {
	case b(8) == 12 && b(9) == 0:
		return fhtDECOSF
	case b(8) == 0 && b(9) == 10:
		if b(7) == 0 && b(6) == 0 && b(5) == 0 && b(4) == 0 {
			return fhtHPUX9
		}
		return fhtSunOS5
	case p.nfsIsUCX(fh, words):
		return fhtVMSUCX
	}
	return fhtUnknown
}

// nfsIsUCX is is_UCX: a VMS UCX handle has a device name of printable
// characters padded with NULs after its first byte.
func (p *Printer) nfsIsUCX(fh int, words uint32) bool {
	if words < 7 {
		return false
	}
	seenNull := false
	for i := 1; i < 14; i++ {
		c := p.u8(fh + i)
		switch {
		case c >= 0x20 && c <= 0x7e:
			if seenNull {
				return false
			}
		case c == 0:
			seenNull = true
		default:
			return false
		}
	}
	return true
}

// nfsPrintFH is nfs_printfh: " fh major,minor/inode", " fh NAME/inode"
// for VMS, " fh Unknown/HEX" for a handle of no known layout; with -u
// " fh[WORD:WORD:...]".
func (p *Printer) nfsPrintFH(fh int, words uint32) {
	if p.o.NFSRawFH {
		// -u: the handle undecoded, each big-endian word in hex.
		p.s(" fh[")
		for i := 0; i < int(words); i++ {
			if i > 0 {
				p.c(':')
			}
			p.x(uint64(p.be32(fh + 4*i)))
		}
		p.c(']')
		return
	}
	typ := p.nfsFHType(fh, words)
	b := func(i int) uint32 { return uint32(p.u8(fh + i)) }
	be16 := func(i int) uint32 { return b(i)<<8 | b(i+1) }
	be32 := func(i int) uint32 { return b(i)<<24 | b(i+1)<<16 | b(i+2)<<8 | b(i+3) }
	le32 := func(i int) uint32 { return b(i) | b(i+1)<<8 | b(i+2)<<16 | b(i+3)<<24 }
	var major, minor, ino uint32
	switch typ {
	case fhtAuspex:
		minor, major, ino = b(7), b(6), be32(12)
	case fhtBSD44:
		minor, major, ino = b(0), b(1), le32(12)
	case fhtDECOSF:
		t := le32(0)
		minor, major, ino = t&0xfffff, t>>20&0xfff, le32(12)
	case fhtIRIX4:
		minor, major, ino = b(3), b(2), be32(8)
	case fhtIRIX5:
		minor, major, ino = be16(2), be16(0), be32(12)
	case fhtSunOS4:
		minor, major, ino = b(3), b(2), be32(12)
	case fhtSunOS5:
		major = be16(0) >> 2 & 0x3fff
		minor = (b(1)<<16 | b(2)<<8 | b(3)) & 0x3ffff
		ino = be32(12)
	case fhtUltrix:
		minor, major, ino = b(0), b(1), le32(4)
	case fhtVMSUCX:
		// The first 14 bytes of the handle are copied over the file
		// system ID, whose device numbers are host-order words.
		minor, major = le32(0), le32(4)
		ino = b(26)<<24 | b(27)<<16 | b(22) | b(23)<<8
	case fhtAIX32:
		minor, major, ino = be16(2), be16(0), be32(12)
	case fhtHPUX9:
		major, minor, ino = b(0), b(1)<<16|b(2)<<8|b(3), be32(12)
	case fhtUnknown:
		minor, major, ino = 257, 257, 1
	}
	n := int(words)
	if n > 64 {
		n = 64
	}
	switch typ {
	case fhtVMSUCX:
		// The server's file system name: at most one byte per word of
		// the handle, to the first NUL or space.
		p.s(" fh ")
		for i := 0; i < n; i++ {
			c := p.u8(fh + 1 + i)
			if c == 0 || c == ' ' {
				break
			}
			p.fnPrintChar(c)
		}
		p.c('/')
	case fhtUnknown:
		const unknown = "Unknown"
		if n > len(unknown) {
			n = len(unknown)
		}
		p.s(" fh ")
		p.s(unknown[:n])
		p.c('/')
	default:
		p.s(" fh ")
		p.u(uint64(major))
		p.c(',')
		p.u(uint64(minor))
		p.c('/')
	}
	if minor != 257 {
		p.u(uint64(ino))
		return
	}
	switch typ {
	case fhtUnknown:
		// The handle's bytes in upper-case hex, at most 32 of them.
		for i := 0; i < int(words)*4 && i < 32; i++ {
			c := p.u8(fh + i)
			p.c("0123456789ABCDEF"[c>>4])
			p.c("0123456789ABCDEF"[c&15])
		}
	case fhtVMSUCX:
		// The rest of the copied bytes, as a string.
		for i := 8; i < 14; i++ {
			c := p.u8(fh + i)
			if c == 0 {
				break
			}
			p.fnPrintChar(c)
		}
	}
}
