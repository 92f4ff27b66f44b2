// NFS versions 2 and 3 over Sun RPC (UDP and TCP port 2049), as tcpdump
// 4.99.3's print-nfs.c prints it: calls to the NFS port (udp_print's and
// tcp_print's tests, TCP with its record mark) with the procedure and its
// arguments (file handles, names, offsets and counts, access modes, the
// attributes of SETATTR, SYMLINK and MKNOD), replies from it with the RPC
// status and, when the call was seen (the table of recent calls that
// nfs.c keeps), the procedure's results: status, file attributes, weak
// cache consistency data, directory, file system and path information.
// File handles are printed as parsenfsfh.c parses them (nfsfh.go).

package printer

import "strconv"

func init() {
	udpNFS = func(p *Printer, d portPayload) bool { return p.nfsUDP(d) }
	registerTCP("nfs", func(p *Printer, d portPayload) { p.nfsTCP(d) })
}

// Procedure numbers of NFS version 3 (nfs.h), which version 2's are
// mapped to.
const (
	nfsProcNull        = 0
	nfsProcGetattr     = 1
	nfsProcSetattr     = 2
	nfsProcLookup      = 3
	nfsProcAccess      = 4
	nfsProcReadlink    = 5
	nfsProcRead        = 6
	nfsProcWrite       = 7
	nfsProcCreate      = 8
	nfsProcMkdir       = 9
	nfsProcSymlink     = 10
	nfsProcMknod       = 11
	nfsProcRemove      = 12
	nfsProcRmdir       = 13
	nfsProcRename      = 14
	nfsProcLink        = 15
	nfsProcReaddir     = 16
	nfsProcReaddirplus = 17
	nfsProcFsstat      = 18
	nfsProcFsinfo      = 19
	nfsProcPathconf    = 20
	nfsProcCommit      = 21
	nfsProcNoop        = 25
	nfsNProcs          = 26
)

// nfsV3ProcID is nfsv3_procid: version 2's procedures as version 3's.
var nfsV3ProcID = [nfsNProcs]uint32{nfsProcNull, nfsProcGetattr, nfsProcSetattr, nfsProcNoop,
	nfsProcLookup, nfsProcReadlink, nfsProcRead, nfsProcNoop, nfsProcWrite, nfsProcCreate,
	nfsProcRemove, nfsProcRename, nfsProcLink, nfsProcSymlink, nfsProcMkdir, nfsProcRmdir,
	nfsProcReaddir, nfsProcFsstat, nfsProcNoop, nfsProcNoop, nfsProcNoop, nfsProcNoop,
	nfsProcNoop, nfsProcNoop, nfsProcNoop, nfsProcNoop}

var nfsProcNames = []tokL2{{nfsProcNoop, "nop"}, {nfsProcNull, "null"}, {nfsProcGetattr, "getattr"},
	{nfsProcSetattr, "setattr"}, {nfsProcLookup, "lookup"}, {nfsProcAccess, "access"},
	{nfsProcReadlink, "readlink"}, {nfsProcRead, "read"}, {nfsProcWrite, "write"},
	{nfsProcCreate, "create"}, {nfsProcMkdir, "mkdir"}, {nfsProcSymlink, "symlink"},
	{nfsProcMknod, "mknod"}, {nfsProcRemove, "remove"}, {nfsProcRmdir, "rmdir"},
	{nfsProcRename, "rename"}, {nfsProcLink, "link"}, {nfsProcReaddir, "readdir"},
	{nfsProcReaddirplus, "readdirplus"}, {nfsProcFsstat, "fsstat"}, {nfsProcFsinfo, "fsinfo"},
	{nfsProcPathconf, "pathconf"}, {nfsProcCommit, "commit"}}

// nfsStatus is status2str.
var nfsStatus = []tokL2{{1, "Operation not permitted"}, {2, "No such file or directory"},
	{5, "Input/output error"}, {6, "Device not configured"}, {11, "Resource deadlock avoided"},
	{12, "Cannot allocate memory"}, {13, "Permission denied"}, {17, "File exists"},
	{18, "Cross-device link"}, {19, "Operation not supported by device"}, {20, "Not a directory"},
	{21, "Is a directory"}, {22, "Invalid argument"}, {26, "Text file busy"}, {27, "File too large"},
	{28, "No space left on device"}, {30, "Read-only file system"}, {31, "Too many links"},
	{45, "Operation not supported"}, {62, "Too many levels of symbolic links"},
	{63, "File name too long"}, {66, "Directory not empty"}, {69, "Disc quota exceeded"},
	{70, "Stale NFS file handle"}, {71, "Too many levels of remote in path"},
	{99, "Write cache flushed to disk"}, {10001, "Illegal NFS file handle"},
	{10002, "Update synchronization mismatch"}, {10003, "READDIR/READDIRPLUS cookie is stale"},
	{10004, "Operation not supported"}, {10005, "Buffer or request is too small"},
	{10006, "Unspecified error on server"}, {10007, "Object of that type not supported"},
	{10008, "Request couldn't be completed in time"}}

var nfsWriteModes = []tokL2{{0, "unstable"}, {1, "datasync"}, {2, "filesync"}}

// nfsTypes is type2str (NFSOCK has no name).
var nfsTypes = []tokL2{{0, "NON"}, {1, "REG"}, {2, "DIR"}, {3, "BLK"}, {4, "CHR"}, {5, "LNK"}, {7, "FIFO"}}

var sunrpcAuthStat = []tokL2{{0, "OK"}, {1, "Bogus Credentials (seal broken)"},
	{2, "Rejected Credentials (client should begin new session)"}, {3, "Bogus Verifier (seal broken)"},
	{4, "Verifier expired or was replayed"}, {5, "Credentials are too weak"},
	{6, "Bogus response verifier"}, {7, "Unknown failure"}}

var sunrpcAcceptStat = []tokL2{{1, "PROG_UNAVAIL"}, {2, "PROG_MISMATCH"}, {3, "PROC_UNAVAIL"},
	{4, "GARBAGE_ARGS"}, {5, "SYSTEM_ERR"}}

// nfsXIDEntry is struct xid_map_entry: a call whose reply can be decoded.
type nfsXIDEntry struct {
	xid            uint32
	ipver          uint8
	client, server [16]byte
	proc, vers     uint32
}

// nfsXIDMap is print-nfs.c's ring of the 64 most recent calls.
type nfsXIDMap struct {
	e          [64]nfsXIDEntry
	next, hint int
}

// nfsUDP is udp_print's test for NFS: a call to or a reply from port
// 2049; false leaves the datagram to the other printers.
func (p *Printer) nfsUDP(d portPayload) bool {
	rp := d.off
	if !p.ttest(rp+4, 4) {
		return false
	}
	dir := p.be32(rp + 4)
	switch {
	case d.dport == 2049 && dir == 0:
		p.s("NFS request xid ")
		p.u(uint64(p.be32(rp)))
		p.c(' ')
		p.nfsReq(rp, uint32(d.length), d.iph)
	case d.sport == 2049 && dir == 1:
		p.s("NFS reply xid ")
		p.u(uint64(p.be32(rp)))
		p.c(' ')
		p.nfsReply(rp, uint32(d.length), d.iph)
	default:
		return false
	}
	return true
}

// nfsTCP is tcp_print's NFS test: a record mark, then a call to or a
// reply from port 2049.
func (p *Printer) nfsTCP(d portPayload) {
	length := uint32(d.length)
	if length < 4 || !p.ttest(d.off, 4) {
		return
	}
	frag := p.be32(d.off) & 0x7fffffff
	if frag > length-4 {
		frag = length - 4
	}
	rp := d.off + 4
	if !p.ttest(rp+4, 4) {
		return
	}
	dir := p.be32(rp + 4)
	switch {
	case d.dport == 2049 && dir == 0:
		p.s(": NFS request xid ")
		p.u(uint64(p.be32(rp)))
		p.c(' ')
		p.nfsReq(rp, frag, d.iph)
	case d.sport == 2049 && dir == 1:
		p.s(": NFS reply xid ")
		p.u(uint64(p.be32(rp)))
		p.c(' ')
		p.nfsReply(rp, frag, d.iph)
	}
}

// nfsAddrs copies the IP version and addresses of the header at iph.
func (p *Printer) nfsAddrs(iph int) (ver uint8, src, dst [16]byte) {
	ver = p.pkt[iph] >> 4
	switch ver {
	case 4:
		copy(src[:4], p.pkt[iph+12:iph+16])
		copy(dst[:4], p.pkt[iph+16:iph+20])
	case 6:
		copy(src[:], p.pkt[iph+8:iph+24])
		copy(dst[:], p.pkt[iph+24:iph+40])
	}
	return
}

// nfsXIDEnter is xid_map_enter: it records the call at rp.
func (p *Printer) nfsXIDEnter(rp, iph int) bool {
	if !p.ttest(rp+20, 4) {
		return false
	}
	ver, src, dst := p.nfsAddrs(iph)
	if ver != 4 && ver != 6 {
		return true
	}
	m := &p.nfs
	e := &m.e[m.next]
	if m.next++; m.next >= len(m.e) {
		m.next = 0
	}
	e.xid = p.be32(rp)
	e.ipver = ver
	if ver == 4 {
		copy(e.client[:4], src[:4])
		copy(e.server[:4], dst[:4])
	} else {
		e.client, e.server = src, dst
	}
	e.proc = p.be32(rp + 20)
	e.vers = p.be32(rp + 16)
	return true
}

// nfsXIDFind is xid_map_find: the procedure and version of the call the
// reply at rp answers.
func (p *Printer) nfsXIDFind(rp, iph int) (proc, vers uint32, ok bool) {
	ver, src, dst := p.nfsAddrs(iph)
	xid := uint32(p.pkt[rp])<<24 | uint32(p.pkt[rp+1])<<16 | uint32(p.pkt[rp+2])<<8 | uint32(p.pkt[rp+3])
	m := &p.nfs
	i := m.hint
	for {
		e := &m.e[i]
		if e.ipver == ver && e.xid == xid {
			n := 16
			if ver == 4 {
				n = 4
			}
			if ver == 4 || ver == 6 {
				if string(src[:n]) == string(e.server[:n]) && string(dst[:n]) == string(e.client[:n]) {
					m.hint = i
					return e.proc, e.vers, true
				}
			}
		}
		if i++; i >= len(m.e) {
			i = 0
		}
		if i == m.hint {
			return 0, 0, false
		}
	}
}

// nfsProcName prints " name" of a procedure.
func (p *Printer) nfsProcName(proc uint32) {
	p.c(' ')
	p.tokStrU(nfsProcNames, proc, "proc-", "")
}

// nfsReq is nfsreq_noaddr_print: the call of length bytes at rp.
func (p *Printer) nfsReq(rp int, length uint32, iph int) {
	p.proto = "nfs"
	p.u(uint64(length))
	if !p.nfsXIDEnter(rp, iph) {
		p.trunc()
		return
	}
	v3 := p.be32(rp+16) == 3
	proc := p.be32(rp + 20)
	if !v3 && proc < nfsNProcs {
		proc = nfsV3ProcID[proc]
	}
	p.nfsProcName(proc)
	if !p.nfsReqArgs(rp, length, proc, v3) {
		p.trunc()
	}
}

// nfsReqArgs prints the arguments of a call; false is tcpdump's trunc
// label.
func (p *Printer) nfsReqArgs(rp int, length, proc uint32, v3 bool) bool {
	switch proc {
	case nfsProcGetattr, nfsProcSetattr, nfsProcReadlink, nfsProcFsstat, nfsProcFsinfo, nfsProcPathconf:
		dp, ok := p.nfsParseReq(rp, length)
		if !ok {
			return false
		}
		_, ok = p.nfsParseFH(dp, v3)
		return ok
	case nfsProcLookup, nfsProcCreate, nfsProcMkdir, nfsProcRemove, nfsProcRmdir:
		dp, ok := p.nfsParseReq(rp, length)
		if !ok {
			return false
		}
		_, ok = p.nfsParseFHN(dp, v3)
		return ok
	case nfsProcAccess:
		dp, ok := p.nfsParseReqFH(rp, length, v3)
		if !ok {
			return false
		}
		p.nfsAccess(p.be32(dp))
	case nfsProcRead:
		dp, ok := p.nfsParseReqFH(rp, length, v3)
		if !ok {
			return false
		}
		if v3 {
			n, off := p.be32(dp+8), p.be64(dp)
			p.nfsBytesAt(n, off)
		} else {
			n, off := p.be32(dp+4), p.be32(dp)
			p.nfsBytesAt(n, uint64(off))
		}
	case nfsProcWrite:
		dp, ok := p.nfsParseReqFH(rp, length, v3)
		if !ok {
			return false
		}
		if v3 {
			n, c, off := p.be32(dp+16), p.be32(dp+8), p.be64(dp)
			p.c(' ')
			p.u(uint64(n))
			p.s(" (")
			p.u(uint64(c))
			p.s(") bytes @ ")
			p.u(off)
			if p.o.Verbose > 0 {
				m := p.be32(dp + 12)
				p.s(" <")
				p.nfsTokNull(nfsWriteModes, m)
				p.c('>')
			}
		} else {
			n, c, b, off := p.be32(dp+12), p.be32(dp+8), p.be32(dp+4), p.be32(dp)
			p.c(' ')
			p.u(uint64(n))
			p.s(" (")
			p.u(uint64(c))
			p.s(") bytes @ ")
			p.u(uint64(b))
			p.s(" (")
			p.u(uint64(off))
			p.c(')')
		}
	case nfsProcSymlink:
		dp, ok := p.nfsParseReq(rp, length)
		if !ok {
			return false
		}
		if dp, ok = p.nfsParseFHN(dp, v3); !ok {
			return false
		}
		p.s(" ->")
		var sa nfsSattr3
		if v3 {
			dp = p.nfsParseSattr3(dp, &sa)
		}
		if _, ok = p.nfsParseFN(dp); !ok {
			return false
		}
		if v3 && p.o.Verbose > 0 {
			p.nfsPrintSattr3(&sa)
		}
	case nfsProcMknod:
		dp, ok := p.nfsParseReq(rp, length)
		if !ok {
			return false
		}
		if dp, ok = p.nfsParseFHN(dp, v3); !ok {
			return false
		}
		typ := p.be32(dp)
		var sa nfsSattr3
		dp = p.nfsParseSattr3(dp+4, &sa)
		p.c(' ')
		p.tokStrU(nfsTypes, typ, "unk-ft ", "")
		if p.o.Verbose > 0 && (typ == 4 || typ == 3) {
			a, b := p.be32(dp), p.be32(dp+4)
			p.c(' ')
			p.u(uint64(a))
			p.c('/')
			p.u(uint64(b))
		}
		if p.o.Verbose > 0 {
			p.nfsPrintSattr3(&sa)
		}
	case nfsProcRename:
		dp, ok := p.nfsParseReq(rp, length)
		if !ok {
			return false
		}
		if dp, ok = p.nfsParseFHN(dp, v3); !ok {
			return false
		}
		p.s(" ->")
		_, ok = p.nfsParseFHN(dp, v3)
		return ok
	case nfsProcLink:
		dp, ok := p.nfsParseReqFH(rp, length, v3)
		if !ok {
			return false
		}
		p.s(" ->")
		_, ok = p.nfsParseFHN(dp, v3)
		return ok
	case nfsProcReaddir:
		dp, ok := p.nfsParseReqFH(rp, length, v3)
		if !ok {
			return false
		}
		if v3 {
			n, off := p.be32(dp+16), p.be64(dp)
			p.nfsBytesAtSigned(n, off)
			if p.o.Verbose > 0 {
				a, b := p.be32(dp+8), p.be32(dp+12)
				p.nfsVerf(a, b)
			}
		} else {
			n, off := p.be32(dp+4), p.be32(dp)
			p.nfsBytesAt(n, uint64(off))
		}
	case nfsProcReaddirplus:
		dp, ok := p.nfsParseReqFH(rp, length, v3)
		if !ok {
			return false
		}
		n, off := p.be32(dp+16), p.be64(dp)
		p.nfsBytesAtSigned(n, off)
		if p.o.Verbose > 0 {
			m, a, b := p.be32(dp+20), p.be32(dp+8), p.be32(dp+12)
			p.s(" max ")
			p.u(uint64(m))
			p.nfsVerf(a, b)
		}
	case nfsProcCommit:
		dp, ok := p.nfsParseReqFH(rp, length, v3)
		if !ok {
			return false
		}
		n, off := p.be32(dp+8), p.be64(dp)
		p.nfsBytesAt(n, off)
	}
	return true
}

// nfsParseReqFH is parsereq followed by parsefh.
func (p *Printer) nfsParseReqFH(rp int, length uint32, v3 bool) (int, bool) {
	dp, ok := p.nfsParseReq(rp, length)
	if !ok {
		return 0, false
	}
	return p.nfsParseFH(dp, v3)
}

// nfsBytesAt prints " %u bytes @ %u".
func (p *Printer) nfsBytesAt(n uint32, off uint64) {
	p.c(' ')
	p.u(uint64(n))
	p.s(" bytes @ ")
	p.u(off)
}

// nfsBytesAtSigned prints " %u bytes @ %" PRId64.
func (p *Printer) nfsBytesAtSigned(n uint32, off uint64) {
	p.c(' ')
	p.u(uint64(n))
	p.s(" bytes @ ")
	p.buf = strconv.AppendInt(p.buf, int64(off), 10)
}

// nfsVerf prints " verf %08x%08x".
func (p *Printer) nfsVerf(a, b uint32) {
	p.s(" verf ")
	p.xpad(uint64(a), 8)
	p.xpad(uint64(b), 8)
}

// nfsTokNull is tok2str with a NULL format: "#%d" for an unknown value.
func (p *Printer) nfsTokNull(t []tokL2, v uint32) {
	if s, ok := tokLookup(t, v); ok {
		p.s(s)
		return
	}
	p.c('#')
	p.buf = strconv.AppendInt(p.buf, int64(int32(v)), 10)
}

// nfsAccess prints the access modes of an ACCESS call.
func (p *Printer) nfsAccess(f uint32) {
	switch {
	case f&^0x3f != 0:
		p.c(' ')
		p.xpad(uint64(f), 4)
	case f&0x3f == 0x3f:
		p.s(" NFS_ACCESS_FULL")
	default:
		sep := byte(' ')
		for i, name := range [...]string{"NFS_ACCESS_READ", "NFS_ACCESS_LOOKUP", "NFS_ACCESS_MODIFY",
			"NFS_ACCESS_EXTEND", "NFS_ACCESS_DELETE", "NFS_ACCESS_EXECUTE"} {
			if f&(1<<i) != 0 {
				p.c(sep)
				p.s(name)
				sep = '|'
			}
		}
	}
}

// nfsSattr3 is struct nfsv3_sattr, as parse_sattr3 fills it in.
type nfsSattr3 struct {
	modeSet, mode, uidSet, uid, gidSet, gid uint32
	atimeType, atimeSec, atimeNsec          uint32
	mtimeType, mtimeSec, mtimeNsec          uint32
}

// nfsParseSattr3 is parse_sattr3.
func (p *Printer) nfsParseSattr3(dp int, sa *nfsSattr3) int {
	opt := func(set *uint32, v *uint32) {
		*set = p.be32(dp)
		dp += 4
		if *set != 0 {
			*v = p.be32(dp)
			dp += 4
		}
	}
	opt(&sa.modeSet, &sa.mode)
	opt(&sa.uidSet, &sa.uid)
	opt(&sa.gidSet, &sa.gid)
	var size uint32
	var sizeSet uint32
	opt(&sizeSet, &size)
	tm := func(typ, sec, nsec *uint32) {
		*typ = p.be32(dp)
		dp += 4
		if *typ == 2 { // NFSV3SATTRTIME_TOCLIENT
			*sec = p.be32(dp)
			*nsec = p.be32(dp + 4)
			dp += 8
		}
	}
	tm(&sa.atimeType, &sa.atimeSec, &sa.atimeNsec)
	tm(&sa.mtimeType, &sa.mtimeSec, &sa.mtimeNsec)
	return dp
}

// nfsPrintSattr3 is print_sattr3.
func (p *Printer) nfsPrintSattr3(sa *nfsSattr3) {
	if sa.modeSet != 0 {
		p.s(" mode ")
		p.buf = strconv.AppendUint(p.buf, uint64(sa.mode), 8)
	}
	if sa.uidSet != 0 {
		p.s(" uid ")
		p.u(uint64(sa.uid))
	}
	if sa.gidSet != 0 {
		p.s(" gid ")
		p.u(uint64(sa.gid))
	}
	if p.o.Verbose > 1 {
		if sa.atimeType == 2 {
			p.s(" atime ")
			p.nfsTime(sa.atimeSec, sa.atimeNsec)
		}
		if sa.mtimeType == 2 {
			p.s(" mtime ")
			p.nfsTime(sa.mtimeSec, sa.mtimeNsec)
		}
	}
}

// nfsTime prints "%u.%06u".
func (p *Printer) nfsTime(sec, frac uint32) {
	p.u(uint64(sec))
	p.c('.')
	p.padUint0(uint64(frac), 6)
}

// nfsRound4 is roundup2(len, 4) in 32 bits.
func nfsRound4(n uint32) uint32 { return (n + 3) &^ 3 }

// nfsParseReq is parsereq: the arguments of the call at rp, past its
// credentials and verifier; false when they were not all captured.
func (p *Printer) nfsParseReq(rp int, length uint32) (int, bool) {
	dp := rp + 24 // cb_cred
	if length < 8 {
		return 0, false
	}
	n := p.be32(dp + 4)
	r := nfsRound4(n)
	if !p.ttest(dp+8, int(r)) {
		return 0, false
	}
	if 8+uint64(r) > uint64(length) {
		return 0, false
	}
	dp += int((uint64(n) + 11) / 4 * 4)
	length -= 8 + r
	if length < 8 {
		return 0, false
	}
	n = p.be32(dp + 4)
	r = nfsRound4(n)
	if !p.ttest(dp+8, int(r)) {
		return 0, false
	}
	if 8+uint64(r) >= uint64(length) {
		return 0, false
	}
	return dp + int((uint64(n)+11)/4*4), true
}

// nfsParseFH is parsefh: it prints the file handle at dp (with its
// length first in version 3) and returns what follows it.
func (p *Printer) nfsParseFH(dp int, v3 bool) (int, bool) {
	words := uint32(8)
	if v3 {
		words = p.be32(dp) / 4
		dp += 4
	}
	if !p.ttest(dp, int(words)*4) {
		return 0, false
	}
	p.nfsPrintFH(dp, words)
	return dp + int(words)*4, true
}

// nfsParseFN is parsefn: it prints the quoted name at dp.
func (p *Printer) nfsParseFN(dp int) (int, bool) {
	n := p.be32(dp)
	dp += 4
	if ^uint32(0)-n < 3 {
		p.s("[cannot pad to 32-bit boundaries]")
		p.invalid()
		return 0, false
	}
	r := nfsRound4(n)
	if !p.ttest(dp, int(r)) {
		return 0, false
	}
	p.c('"')
	p.printjn(dp, int(n))
	p.c('"')
	return dp + int(r), true
}

// nfsParseFHN is parsefhn: a file handle and a name.
func (p *Printer) nfsParseFHN(dp int, v3 bool) (int, bool) {
	dp, ok := p.nfsParseFH(dp, v3)
	if !ok {
		return 0, false
	}
	p.c(' ')
	return p.nfsParseFN(dp)
}

// nfsReply is nfsreply_noaddr_print: the reply of length bytes at rp.
func (p *Printer) nfsReply(rp int, length uint32, iph int) {
	p.proto = "nfs"
	if !p.ttest(rp+8, 4) {
		p.trunc()
		return
	}
	switch stat := p.be32(rp + 8); stat {
	case 0: // SUNRPC_MSG_ACCEPTED
		p.s("reply ok ")
		p.u(uint64(length))
		if proc, vers, ok := p.nfsXIDFind(rp, iph); ok {
			p.nfsInterpReply(rp, proc, vers, length)
		}
	case 1: // SUNRPC_MSG_DENIED
		p.s("reply ERR ")
		p.u(uint64(length))
		p.s(": ")
		if !p.ttest(rp+12, 4) {
			p.trunc()
			return
		}
		switch rstat := p.be32(rp + 12); rstat {
		case 0: // SUNRPC_RPC_MISMATCH
			if !p.ttest(rp+20, 4) {
				p.trunc()
				return
			}
			p.s("RPC Version mismatch (")
			p.u(uint64(p.be32(rp + 16)))
			p.c('-')
			p.u(uint64(p.be32(rp + 20)))
			p.c(')')
		case 1: // SUNRPC_AUTH_ERROR
			if !p.ttest(rp+16, 4) {
				p.trunc()
				return
			}
			p.s("Auth ")
			p.tokStrU(sunrpcAuthStat, p.be32(rp+16), "Invalid failure code ", "")
		default:
			p.s("Unknown reason for rejecting rpc message ")
			p.u(uint64(rstat))
		}
	default:
		p.s("reply Unknown rpc response code=")
		p.u(uint64(stat))
		p.c(' ')
		p.u(uint64(length))
	}
}

// nfsRep carries interp_reply's nfserr flag: an error was printed, so a
// cut reply is not marked as truncated.
type nfsRep struct {
	p   *Printer
	err bool
}

// parseRep is parserep: the results of the accepted reply at rp.
func (r *nfsRep) parseRep(rp int, length uint32) (int, bool) {
	p := r.p
	dp := rp + 12
	n := p.be32(dp + 4)
	if n >= length {
		return 0, false
	}
	dp += int((uint64(n) + 11) / 4 * 4)
	astat := p.be32(dp)
	if astat != 0 {
		p.c(' ')
		p.tokStrU(sunrpcAcceptStat, astat, "ar_stat ", "")
		r.err = true
		return 0, false
	}
	if !p.ttest(dp, 4) {
		return 0, false
	}
	return dp + 4, true
}

// status is parsestatus.
func (r *nfsRep) status(dp int) (int, uint32) {
	p := r.p
	e := p.be32(dp)
	if e != 0 {
		p.s(" ERROR: ")
		p.tokStrU(nfsStatus, e, "unk ", "")
		r.err = true
	}
	return dp + 4, e
}

// fattr is parsefattr.
func (r *nfsRep) fattr(dp int, verbose int, v3 bool) (int, bool) {
	p := r.p
	if !p.ttest(dp+16, 4) {
		return 0, false
	}
	if verbose > 0 {
		typ, mode, uid, gid := p.be32(dp), p.be32(dp+4), p.be32(dp+12), p.be32(dp+16)
		p.c(' ')
		p.tokStrU(nfsTypes, typ, "unk-ft ", " ")
		p.c(' ')
		p.buf = strconv.AppendUint(p.buf, uint64(mode), 8)
		p.s(" ids ")
		p.buf = strconv.AppendInt(p.buf, int64(int32(uid)), 10)
		p.c('/')
		p.buf = strconv.AppendInt(p.buf, int64(int32(gid)), 10)
		var size uint64
		if v3 {
			size = p.be64(dp + 20)
		} else {
			size = uint64(p.be32(dp + 20))
		}
		p.s(" sz ")
		p.u(size)
	}
	if verbose > 1 {
		if v3 {
			if !p.ttest(dp+76, 8) {
				return 0, false
			}
			p.s(" nlink ")
			p.u(uint64(p.be32(dp + 8)))
			p.s(" rdev ")
			p.u(uint64(p.be32(dp + 36)))
			p.c('/')
			p.u(uint64(p.be32(dp + 40)))
			p.s(" fsid ")
			p.x(p.be64(dp + 44))
			p.s(" fileid ")
			p.x(p.be64(dp + 52))
			p.s(" a/m/ctime ")
			p.nfsTime(p.be32(dp+60), p.be32(dp+64))
			p.c(' ')
			p.nfsTime(p.be32(dp+68), p.be32(dp+72))
			p.c(' ')
			p.nfsTime(p.be32(dp+76), p.be32(dp+80))
		} else {
			if !p.ttest(dp+60, 8) {
				return 0, false
			}
			p.s(" nlink ")
			p.u(uint64(p.be32(dp + 8)))
			p.s(" rdev 0x")
			p.x(uint64(p.be32(dp + 28)))
			p.s(" fsid 0x")
			p.x(uint64(p.be32(dp + 36)))
			p.s(" nodeid 0x")
			p.x(uint64(p.be32(dp + 40)))
			p.s(" a/m/ctime")
			for _, o := range [...]int{44, 52, 60} {
				p.c(' ')
				p.nfsTime(p.be32(dp+o), p.be32(dp+o+4))
			}
		}
	}
	if v3 {
		return dp + 84, true
	}
	return dp + 68, true
}

// attrStat is parseattrstat.
func (r *nfsRep) attrStat(dp int, verbose int, v3 bool) bool {
	dp, e := r.status(dp)
	if e != 0 {
		return true
	}
	_, ok := r.fattr(dp, verbose, v3)
	return ok
}

// dirOpRes is parsediropres.
func (r *nfsRep) dirOpRes(dp int) bool {
	dp, e := r.status(dp)
	if e != 0 {
		return true
	}
	dp, ok := r.p.nfsParseFH(dp, false)
	if !ok {
		return false
	}
	_, ok = r.fattr(dp, r.p.o.Verbose, false)
	return ok
}

// linkRes is parselinkres.
func (r *nfsRep) linkRes(dp int, v3 bool) bool {
	dp, e := r.status(dp)
	if e != 0 {
		return true
	}
	if v3 {
		var ok bool
		if dp, ok = r.postOpAttr(dp, r.p.o.Verbose); !ok {
			return false
		}
	}
	r.p.c(' ')
	_, ok := r.p.nfsParseFN(dp)
	return ok
}

// statFS is parsestatfs.
func (r *nfsRep) statFS(dp int, v3 bool) bool {
	p := r.p
	dp, e := r.status(dp)
	if !v3 && e != 0 {
		return true
	}
	if v3 {
		if p.o.Verbose > 0 {
			p.s(" POST:")
		}
		var ok bool
		if dp, ok = r.postOpAttr(dp, p.o.Verbose); !ok {
			return false
		}
	}
	n := 20
	if v3 {
		n = 52
	}
	if !p.ttest(dp, n) {
		return false
	}
	if v3 {
		p.s(" tbytes ")
		p.u(p.be64(dp))
		p.s(" fbytes ")
		p.u(p.be64(dp + 8))
		p.s(" abytes ")
		p.u(p.be64(dp + 16))
		if p.o.Verbose > 0 {
			p.s(" tfiles ")
			p.u(p.be64(dp + 24))
			p.s(" ffiles ")
			p.u(p.be64(dp + 32))
			p.s(" afiles ")
			p.u(p.be64(dp + 40))
			p.s(" invar ")
			p.u(uint64(p.be32(dp + 48)))
		}
	} else {
		for i, name := range [...]string{" tsize ", " bsize ", " blocks ", " bfree ", " bavail "} {
			p.s(name)
			p.u(uint64(p.be32(dp + 4*i)))
		}
	}
	return true
}

// rdDirRes is parserddires.
func (r *nfsRep) rdDirRes(dp int) bool {
	p := r.p
	dp, e := r.status(dp)
	if e != 0 {
		return true
	}
	off, size := p.be32(dp), p.be32(dp+4)
	p.s(" offset 0x")
	p.x(uint64(off))
	p.s(" size ")
	p.u(uint64(size))
	p.c(' ')
	if p.be32(dp+8) != 0 {
		p.s(" eof")
	}
	return true
}

// wccAttr is parse_wcc_attr.
func (r *nfsRep) wccAttr(dp int) int {
	p := r.p
	p.s(" sz ")
	p.u(p.be64(dp))
	a, b, c, d := p.be32(dp+8), p.be32(dp+12), p.be32(dp+16), p.be32(dp+20)
	p.s(" mtime ")
	p.nfsTime(a, b)
	p.s(" ctime ")
	p.nfsTime(c, d)
	return dp + 24
}

// preOpAttr is parse_pre_op_attr.
func (r *nfsRep) preOpAttr(dp int, verbose int) (int, bool) {
	if r.p.be32(dp) == 0 {
		return dp + 4, true
	}
	dp += 4
	if !r.p.ttest(dp, 24) {
		return 0, false
	}
	if verbose > 1 {
		return r.wccAttr(dp), true
	}
	return dp + 24, true
}

// postOpAttr is parse_post_op_attr.
func (r *nfsRep) postOpAttr(dp int, verbose int) (int, bool) {
	if r.p.be32(dp) == 0 {
		return dp + 4, true
	}
	dp += 4
	if verbose > 0 {
		return r.fattr(dp, verbose, true)
	}
	return dp + 84, true
}

// wccData is parse_wcc_data.
func (r *nfsRep) wccData(dp int, verbose int) (int, bool) {
	if verbose > 1 {
		r.p.s(" PRE:")
	}
	dp, ok := r.preOpAttr(dp, verbose)
	if !ok {
		return 0, false
	}
	if verbose > 0 {
		r.p.s(" POST:")
	}
	return r.postOpAttr(dp, verbose)
}

// createOpRes is parsecreateopres.
func (r *nfsRep) createOpRes(dp int, verbose int) (int, bool) {
	p := r.p
	dp, e := r.status(dp)
	if e != 0 {
		return r.wccData(dp, verbose)
	}
	if p.be32(dp) == 0 {
		return dp + 4, true
	}
	dp, ok := p.nfsParseFH(dp+4, true)
	if !ok {
		return 0, false
	}
	if verbose > 0 {
		if dp, ok = r.postOpAttr(dp, verbose); !ok {
			return 0, false
		}
		if p.o.Verbose > 1 {
			p.s(" dir attr:")
			return r.wccData(dp, verbose)
		}
	}
	return dp, true
}

// wccRes is parsewccres.
func (r *nfsRep) wccRes(dp int, verbose int) (int, bool) {
	dp, _ = r.status(dp)
	return r.wccData(dp, verbose)
}

// v3RdDirRes is parsev3rddirres.
func (r *nfsRep) v3RdDirRes(dp int, verbose int) (int, bool) {
	p := r.p
	dp, e := r.status(dp)
	if p.o.Verbose > 0 {
		p.s(" POST:")
	}
	dp, ok := r.postOpAttr(dp, verbose)
	if !ok {
		return 0, false
	}
	if e != 0 {
		return dp, true
	}
	if p.o.Verbose > 0 {
		a, b := p.be32(dp), p.be32(dp+4)
		p.nfsVerf(a, b)
		dp += 8
	}
	return dp, true
}

// fsInfo is parsefsinfo.
func (r *nfsRep) fsInfo(dp int) bool {
	p := r.p
	dp, e := r.status(dp)
	if p.o.Verbose > 0 {
		p.s(" POST:")
	}
	dp, ok := r.postOpAttr(dp, p.o.Verbose)
	if !ok {
		return false
	}
	if e != 0 {
		return true
	}
	if !p.ttest(dp, 48) {
		return false
	}
	for _, f := range [...]struct {
		name string
		off  int
	}{{" rtmax ", 0}, {" rtpref ", 4}, {" wtmax ", 12}, {" wtpref ", 16}, {" dtpref ", 24}} {
		p.s(f.name)
		p.u(uint64(p.be32(dp + f.off)))
	}
	if p.o.Verbose > 0 {
		p.s(" rtmult ")
		p.u(uint64(p.be32(dp + 8)))
		p.s(" wtmult ")
		p.u(uint64(p.be32(dp + 20)))
		p.s(" maxfsz ")
		p.u(p.be64(dp + 28))
		p.s(" delta ")
		p.nfsTime(p.be32(dp+36), p.be32(dp+40))
		p.c(' ')
	}
	return true
}

// pathConf is parsepathconf.
func (r *nfsRep) pathConf(dp int) bool {
	p := r.p
	dp, e := r.status(dp)
	if p.o.Verbose > 0 {
		p.s(" POST:")
	}
	dp, ok := r.postOpAttr(dp, p.o.Verbose)
	if !ok {
		return false
	}
	if e != 0 {
		return true
	}
	if !p.ttest(dp, 24) {
		return false
	}
	p.s(" linkmax ")
	p.u(uint64(p.be32(dp)))
	p.s(" namemax ")
	p.u(uint64(p.be32(dp + 4)))
	for i, name := range [...]string{"notrunc", "chownres", "igncase", "keepcase"} {
		p.c(' ')
		if p.be32(dp+8+4*i) != 0 {
			p.s(name)
		}
	}
	return true
}

// nfsInterpReply is interp_reply: the results of a reply to a call of
// procedure proc and version vers.
func (p *Printer) nfsInterpReply(rp int, proc, vers, length uint32) {
	r := nfsRep{p: p}
	if !r.interp(rp, proc, vers, length) && !r.err {
		p.trunc()
	}
}

// interp is interp_reply's switch; false is its trunc label.
func (r *nfsRep) interp(rp int, proc, vers, length uint32) bool {
	p := r.p
	v3 := vers == 3
	if !v3 && proc < nfsNProcs {
		proc = nfsV3ProcID[proc]
	}
	p.nfsProcName(proc)
	switch proc {
	case nfsProcGetattr, nfsProcSetattr, nfsProcLookup, nfsProcAccess, nfsProcReadlink, nfsProcRead,
		nfsProcWrite, nfsProcCreate, nfsProcMkdir, nfsProcSymlink, nfsProcMknod, nfsProcRemove,
		nfsProcRmdir, nfsProcRename, nfsProcLink, nfsProcReaddir, nfsProcReaddirplus, nfsProcFsstat,
		nfsProcFsinfo, nfsProcPathconf, nfsProcCommit:
	default:
		return true
	}
	dp, ok := r.parseRep(rp, length)
	if !ok {
		return false
	}
	vf := p.o.Verbose
	switch proc {
	case nfsProcGetattr:
		return r.attrStat(dp, 1, v3)
	case nfsProcSetattr:
		if v3 {
			_, ok = r.wccRes(dp, vf)
			return ok
		}
		return r.attrStat(dp, 1, false)
	case nfsProcLookup:
		if !v3 {
			return r.dirOpRes(dp)
		}
		dp, e := r.status(dp)
		if e == 0 {
			if dp, ok = p.nfsParseFH(dp, true); !ok {
				return false
			}
			if dp, ok = r.postOpAttr(dp, vf); !ok {
				return false
			}
		}
		if vf > 1 {
			p.s(" post dattr:")
			if _, ok = r.postOpAttr(dp, vf); !ok {
				return false
			}
		}
	case nfsProcAccess:
		dp, e := r.status(dp)
		if vf > 0 {
			p.s(" attr:")
		}
		if dp, ok = r.postOpAttr(dp, vf); !ok {
			return false
		}
		if e == 0 {
			c := p.be32(dp)
			p.s(" c ")
			p.xpad(uint64(c), 4)
		}
	case nfsProcReadlink:
		return r.linkRes(dp, v3)
	case nfsProcRead:
		if !v3 {
			return r.attrStat(dp, vf, false)
		}
		dp, e := r.status(dp)
		if dp, ok = r.postOpAttr(dp, vf); !ok {
			return false
		}
		if e == 0 && vf > 0 {
			n := p.be32(dp)
			p.c(' ')
			p.u(uint64(n))
			p.s(" bytes")
			if p.be32(dp+4) != 0 {
				p.s(" EOF")
			}
		}
	case nfsProcWrite:
		if !v3 {
			return r.attrStat(dp, vf, false)
		}
		dp, e := r.status(dp)
		if dp, ok = r.wccData(dp, vf); !ok {
			return false
		}
		if e == 0 && vf > 0 {
			n := p.be32(dp)
			p.c(' ')
			p.u(uint64(n))
			p.s(" bytes")
			if vf > 1 {
				m := p.be32(dp + 4)
				p.s(" <")
				p.nfsTokNull(nfsWriteModes, m)
				p.c('>')
				v := p.be64(dp + 8)
				p.s(" verf ")
				p.x(v)
			}
		}
	case nfsProcCreate, nfsProcMkdir:
		if !v3 {
			return r.dirOpRes(dp)
		}
		_, ok = r.createOpRes(dp, vf)
		return ok
	case nfsProcSymlink:
		if v3 {
			_, ok = r.createOpRes(dp, vf)
			return ok
		}
		r.status(dp)
	case nfsProcMknod:
		_, ok = r.createOpRes(dp, vf)
		return ok
	case nfsProcRemove, nfsProcRmdir:
		if v3 {
			_, ok = r.wccRes(dp, vf)
			return ok
		}
		r.status(dp)
	case nfsProcRename:
		dp, _ = r.status(dp)
		if v3 && vf > 0 {
			p.s(" from:")
			if dp, ok = r.wccData(dp, vf); !ok {
				return false
			}
			p.s(" to:")
			if _, ok = r.wccData(dp, vf); !ok {
				return false
			}
		}
	case nfsProcLink:
		dp, _ = r.status(dp)
		if v3 && vf > 0 {
			p.s(" file POST:")
			if dp, ok = r.postOpAttr(dp, vf); !ok {
				return false
			}
			p.s(" dir:")
			if _, ok = r.wccData(dp, vf); !ok {
				return false
			}
		}
	case nfsProcReaddir:
		if v3 {
			_, ok = r.v3RdDirRes(dp, vf)
			return ok
		}
		return r.rdDirRes(dp)
	case nfsProcReaddirplus:
		_, ok = r.v3RdDirRes(dp, vf)
		return ok
	case nfsProcFsstat:
		return r.statFS(dp, v3)
	case nfsProcFsinfo:
		return r.fsInfo(dp)
	case nfsProcPathconf:
		return r.pathConf(dp)
	case nfsProcCommit:
		if dp, ok = r.wccRes(dp, vf); !ok {
			return false
		}
		if vf > 1 {
			v := p.be64(dp)
			p.s(" verf ")
			p.x(v)
		}
	}
	return true
}
