// Link types other than Ethernet: compiling an expression for a savefile's
// link-layer header type (tcpdump -r of Linux cooked, raw IP or BSD
// loopback captures, tcpdump -d -y TYPE), with or without libpcap's
// optimizer (-O), and libpcap's names of the link types.

package filter

/*
#include <stdio.h>
#include <stdlib.h>
#include <pcap/pcap.h>

// Compile expr for link type dlt, as tcpdump does on a savefile of that
// type (pcap_open_dead). On failure *err is libpcap's own message.
static int xdpdump_compile_dlt(const char *expr, int dlt, int snaplen,
                               int optimize, bpf_u_int32 netmask,
                               struct bpf_program *prog, char *err,
                               size_t errlen)
{
	pcap_t *p = pcap_open_dead(dlt, snaplen);
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

// Compile expr as tcpdump does for a savefile: a pcap_t read from a
// savefile header (link type linktype, in the other byte order when
// swapped), so that libpcap generates what it does for files (the BSD
// address families of DLT_NULL and DLT_LOOP, byte-swapped if the file
// is). The header is read from memory (fmemopen).
static int xdpdump_compile_file(const char *expr, unsigned int linktype,
                                int swapped, int snaplen, int optimize,
                                bpf_u_int32 netmask, struct bpf_program *prog,
                                char *err, size_t errlen)
{
	unsigned int h[6] = {0xa1b2c3d4, 2 | (4u << 16), 0, 0, (unsigned int)snaplen, linktype};
	if (swapped)
		for (int i = 0; i < 6; i++)
			h[i] = __builtin_bswap32(i == 1 ? (4u | (2u << 16)) : h[i]);
	FILE *f = fmemopen(h, sizeof(h), "r");
	if (f == NULL) {
		snprintf(err, errlen, "fmemopen failed");
		return -1;
	}
	pcap_t *p = pcap_fopen_offline(f, err);
	if (p == NULL) {
		fclose(f);
		return -1;
	}
	int rc = pcap_compile(p, prog, expr, optimize, netmask);
	if (rc != 0)
		snprintf(err, errlen, "%s", pcap_geterr(p));
	pcap_close(p);
	return rc;
}
*/
import "C"

import (
	"errors"
	"unsafe"

	"golang.org/x/net/bpf"
)

// DLTs (libpcap's DLT_ values on Linux) that xdpdump reads and prints.
const (
	DLTNull      = 0   // BSD loopback: a 4-byte address family in the capturing host's byte order
	DLTEN10MB    = 1   // Ethernet
	DLTRaw       = 12  // raw IP (LINKTYPE_RAW 101 in files)
	DLTLoop      = 108 // OpenBSD loopback: the address family in network byte order
	DLTLinuxSLL  = 113 // Linux cooked v1 (tcpdump -i any before libpcap 1.10)
	DLTIPv4      = 228 // raw IPv4
	DLTIPv6      = 229 // raw IPv6
	DLTLinuxSLL2 = 276 // Linux cooked v2 (tcpdump -i any)
)

// DLTOfLinkType maps the link type of a savefile header (a LINKTYPE_
// value) to libpcap's DLT_ value, as libpcap's linktype_to_dlt does for
// the types xdpdump reads.
func DLTOfLinkType(lt int) int {
	if lt == 101 {
		return DLTRaw
	}
	return lt
}

// DLTName is libpcap's name of a DLT (pcap_datalink_val_to_name), "" if it
// has none.
func DLTName(dlt int) string {
	s := C.pcap_datalink_val_to_name(C.int(dlt))
	if s == nil {
		return ""
	}
	return C.GoString(s)
}

// DLTDescription is libpcap's description of a DLT
// (pcap_datalink_val_to_description), "" if it has none.
func DLTDescription(dlt int) string {
	s := C.pcap_datalink_val_to_description(C.int(dlt))
	if s == nil {
		return ""
	}
	return C.GoString(s)
}

// DLTByName is libpcap's pcap_datalink_name_to_val (case-insensitive,
// with or without the DLT_ prefix); false for a name libpcap does not know.
func DLTByName(name string) (int, bool) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	v := int(C.pcap_datalink_name_to_val(cs))
	return v, v >= 0
}

// CompileOptions say how CompileCBPFOptions compiles.
type CompileOptions struct {
	// DLT is the link type the program reads (DLTEN10MB, DLTLinuxSLL2...).
	DLT int
	// Netmask for `ip broadcast` (NetmaskUnknown, LiveNetmask).
	Netmask uint32
	// NoOptimize is tcpdump's -O: libpcap's optimizer off.
	NoOptimize bool
	// Savefile compiles as tcpdump does for a savefile with link type
	// LinkType (a LINKTYPE_ value; DLT is then ignored), Swapped for one
	// written in the other byte order.
	Savefile bool
	LinkType int
	Swapped  bool
}

// CompileCBPFOptions compiles expr with libpcap for o.DLT, as tcpdump does
// for a savefile of that link type or for -d with -y.
func CompileCBPFOptions(expr string, snaplen int, o CompileOptions) (*Program, error) {
	if snaplen <= 0 {
		snaplen = DefaultSnaplen
	}
	cexpr := C.CString(expr)
	defer C.free(unsafe.Pointer(cexpr))
	errbuf := (*C.char)(C.calloc(C.PCAP_ERRBUF_SIZE, 1))
	defer C.free(unsafe.Pointer(errbuf))
	optimize := 1
	if o.NoOptimize {
		optimize = 0
	}
	var prog C.struct_bpf_program
	compileMu.Lock()
	var rc C.int
	if o.Savefile {
		swapped := 0
		if o.Swapped {
			swapped = 1
		}
		rc = C.xdpdump_compile_file(cexpr, C.uint(o.LinkType), C.int(swapped), C.int(snaplen), C.int(optimize), C.bpf_u_int32(o.Netmask), &prog, errbuf, C.PCAP_ERRBUF_SIZE)
	} else {
		rc = C.xdpdump_compile_dlt(cexpr, C.int(o.DLT), C.int(snaplen), C.int(optimize), C.bpf_u_int32(o.Netmask), &prog, errbuf, C.PCAP_ERRBUF_SIZE)
	}
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
