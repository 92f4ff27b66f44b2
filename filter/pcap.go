// Package filter turns a tcpdump expression into eBPF that the XDP and TC
// programs of xdpdump run on every packet.
//
// libpcap's own compiler (pcap_compile, through cgo) makes the classic BPF
// program, so the language and its meaning are exactly tcpdump's;
// github.com/cloudflare/cbpfc translates it into eBPF, and Splice puts
// that eBPF in place of the placeholder function xdpdump_filter of a
// program spec before it is loaded.
package filter

/*
#cgo LDFLAGS: -lpcap
#include <stdlib.h>
#include <pcap/pcap.h>

// Compile expr for an Ethernet capture. On failure *err is libpcap's own
// message. The caller frees the program with pcap_freecode.
static int xdpdump_compile(const char *expr, int snaplen, int optimize,
                           bpf_u_int32 netmask,
                           struct bpf_program *prog, char *err, size_t errlen)
{
	pcap_t *p = pcap_open_dead(DLT_EN10MB, snaplen);
	if (p == NULL) {
		snprintf(err, errlen, "pcap_open_dead failed");
		return -1;
	}
	int rc = pcap_compile(p, prog, expr, optimize, netmask);
	if (rc != 0)
		snprintf(err, errlen, "%s", pcap_geterr(p));
	pcap_close(p);
	return rc;
}

// Run prog on a frame of wirelen bytes of which caplen are in data.
static unsigned int xdpdump_offline(struct bpf_program *prog,
                                     const unsigned char *data,
                                     unsigned int caplen, unsigned int wirelen)
{
	struct pcap_pkthdr h = {0};
	h.caplen = caplen;
	h.len = wirelen;
	return bpf_filter(prog->bf_insns, data, wirelen, caplen);
}

// Run prog n times on the same frame, for benchmarks: the cost of
// libpcap's interpreter alone, without cgo calls in between.
static unsigned int xdpdump_offline_loop(struct bpf_program *prog,
                                         const unsigned char *data,
                                         unsigned int len, long n)
{
	unsigned int r = 0;
	for (long i = 0; i < n; i++)
		r += bpf_filter(prog->bf_insns, data, len, len) != 0;
	return r;
}

// bpf_image formats one instruction in a static buffer: the caller holds
// compileMu and copies the string out before letting go.
static char *xdpdump_image(unsigned short code, unsigned char jt,
                           unsigned char jf, unsigned int k, int n)
{
	struct bpf_insn in;
	in.code = code;
	in.jt = jt;
	in.jf = jf;
	in.k = k;
	return bpf_image(&in, n);
}
*/
import "C"

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/net/bpf"
)

// DefaultSnaplen is tcpdump's default snapshot length.
const DefaultSnaplen = 262144

// CompileError is libpcap's verdict on an expression it cannot compile.
// Error() is libpcap's own message (pcap_geterr), exactly what tcpdump
// prints after its "tcpdump: " prefix, e.g.
// "can't parse filter expression: syntax error".
type CompileError struct {
	Expr string
	Msg  string
}

func (e *CompileError) Error() string { return e.Msg }

// pcap_compile is not thread-safe in older libpcaps, and bpf_image writes
// a static buffer; serialise both.
var compileMu sync.Mutex

// Program is a compiled classic BPF program.
type Program struct {
	Expr  string
	Insns []bpf.RawInstruction
}

// NetmaskUnknown is libpcap's PCAP_NETMASK_UNKNOWN: `ip broadcast` is
// then refused, as tcpdump -d without an interface does.
const NetmaskUnknown = 0xffffffff

// LiveNetmask is the netmask tcpdump compiles with on a live interface:
// 0, so that `ip broadcast` matches all-zeros and all-ones addresses.
const LiveNetmask = 0

// CompileCBPF compiles expr with libpcap (optimizer on, netmask unknown),
// exactly as tcpdump does for an Ethernet interface.
func CompileCBPF(expr string, snaplen int) (*Program, error) {
	return CompileCBPFNetmask(expr, snaplen, NetmaskUnknown)
}

// CompileCBPFNetmask is CompileCBPF with a netmask, which only
// `ip broadcast` uses. tcpdump 4.99 on Linux compiles live captures with
// netmask 0 (it does not look the interface's up), so xdpdump does too
// (LiveNetmask).
func CompileCBPFNetmask(expr string, snaplen int, netmask uint32) (*Program, error) {
	if snaplen <= 0 {
		snaplen = DefaultSnaplen
	}
	cexpr := C.CString(expr)
	defer C.free(unsafe.Pointer(cexpr))
	errbuf := (*C.char)(C.calloc(C.PCAP_ERRBUF_SIZE, 1))
	defer C.free(unsafe.Pointer(errbuf))

	var prog C.struct_bpf_program
	compileMu.Lock()
	rc := C.xdpdump_compile(cexpr, C.int(snaplen), 1, C.bpf_u_int32(netmask), &prog, errbuf, C.PCAP_ERRBUF_SIZE)
	compileMu.Unlock()
	if rc != 0 {
		return nil, &CompileError{Expr: expr, Msg: C.GoString(errbuf)}
	}
	defer C.pcap_freecode(&prog)

	n := int(prog.bf_len)
	if n == 0 {
		return nil, errors.New("libpcap returned an empty program")
	}
	src := unsafe.Slice((*C.struct_bpf_insn)(unsafe.Pointer(prog.bf_insns)), n)
	out := make([]bpf.RawInstruction, n)
	for i, in := range src {
		out[i] = bpf.RawInstruction{Op: uint16(in.code), Jt: uint8(in.jt), Jf: uint8(in.jf), K: uint32(in.k)}
	}
	return &Program{Expr: expr, Insns: out}, nil
}

// Instructions decodes the raw program into x/net/bpf instructions.
func (p *Program) Instructions() ([]bpf.Instruction, error) {
	insns, ok := bpf.Disassemble(p.Insns)
	if !ok {
		// Disassemble leaves instructions it does not know as RawInstruction;
		// report the first one.
		for _, in := range insns {
			if raw, isRaw := in.(bpf.RawInstruction); isRaw {
				return nil, fmt.Errorf("classic BPF instruction %#04x is not supported", raw.Op)
			}
		}
	}
	return insns, nil
}

// Match runs the classic program in libpcap's own interpreter
// (bpf_filter) on a frame: data holds the captured bytes, wireLen is the
// frame's length on the wire. It returns the program's return value:
// 0 = no match. Tests use it as the reference verdict.
func (p *Program) Match(data []byte, wireLen int) uint32 {
	n := len(p.Insns)
	cins := (*C.struct_bpf_insn)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.struct_bpf_insn{}))))
	defer C.free(unsafe.Pointer(cins))
	dst := unsafe.Slice(cins, n)
	for i := range dst {
		dst[i] = C.struct_bpf_insn{code: C.u_short(p.Insns[i].Op), jt: C.u_char(p.Insns[i].Jt), jf: C.u_char(p.Insns[i].Jf), k: C.bpf_u_int32(p.Insns[i].K)}
	}
	prog := (*C.struct_bpf_program)(C.calloc(1, C.size_t(unsafe.Sizeof(C.struct_bpf_program{}))))
	defer C.free(unsafe.Pointer(prog))
	prog.bf_len = C.u_int(n)
	prog.bf_insns = cins
	buf := C.CBytes(append(data[:len(data):len(data)], 0)) // never NULL, even for 0 bytes
	defer C.free(buf)
	return uint32(C.xdpdump_offline(prog, (*C.uchar)(buf), C.uint(len(data)), C.uint(wireLen)))
}

// matchLoop runs p n times on data in libpcap's interpreter and returns
// how many runs matched (benchmarks).
func (p *Program) matchLoop(data []byte, n int) int {
	cins := (*C.struct_bpf_insn)(C.calloc(C.size_t(len(p.Insns)), C.size_t(unsafe.Sizeof(C.struct_bpf_insn{}))))
	defer C.free(unsafe.Pointer(cins))
	for i, in := range p.Insns {
		unsafe.Slice(cins, len(p.Insns))[i] = C.struct_bpf_insn{code: C.u_short(in.Op), jt: C.u_char(in.Jt), jf: C.u_char(in.Jf), k: C.bpf_u_int32(in.K)}
	}
	prog := C.struct_bpf_program{bf_len: C.u_int(len(p.Insns)), bf_insns: cins}
	buf := C.CBytes(append(data[:len(data):len(data)], 0))
	defer C.free(buf)
	return int(C.xdpdump_offline_loop(&prog, (*C.uchar)(buf), C.uint(len(data)), C.long(n)))
}

// Dump formats p as tcpdump prints it with -d (level 1: libpcap's
// bpf_image listing), -dd (level 2: C array initialisers) or -ddd (level 3:
// the count, then decimal "code jt jf k" lines), like libpcap's bpf_dump.
// The text ends with a newline. Levels above 3 print as 3, as bpf_dump
// does; a level below 1 returns "".
func Dump(p *Program, level int) string {
	if p == nil || level < 1 {
		return ""
	}
	var b strings.Builder
	switch {
	case level >= 3:
		fmt.Fprintf(&b, "%d\n", len(p.Insns))
		for _, in := range p.Insns {
			fmt.Fprintf(&b, "%d %d %d %d\n", in.Op, in.Jt, in.Jf, in.K)
		}
	case level == 2:
		for _, in := range p.Insns {
			// bpf_dump prints jt and jf with %d of an unsigned char.
			fmt.Fprintf(&b, "{ 0x%x, %d, %d, 0x%08x },\n", in.Op, in.Jt, in.Jf, in.K)
		}
	default:
		compileMu.Lock()
		defer compileMu.Unlock()
		for i, in := range p.Insns {
			img := C.xdpdump_image(C.ushort(in.Op), C.uchar(in.Jt), C.uchar(in.Jf), C.uint(in.K), C.int(i))
			b.WriteString(C.GoString(img))
			b.WriteByte('\n')
		}
	}
	return b.String()
}
