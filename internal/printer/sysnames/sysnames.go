// Package sysnames answers the printer's name questions (printer.Resolver)
// through the C library, as tcpdump 4.99.3 asks it: gethostbyaddr for host
// names (so /etc/hosts, DNS and whatever nsswitch.conf says, with glibc's
// answers to the byte), ether_ntohost for /etc/ethers, getservent for
// /etc/services, and libpcap's pcap_lookupnet for -f's local network.
// A host look-up can block as long as the resolver waits (tcpdump's does
// too); the printer asks once per address.
package sysnames

/*
#cgo LDFLAGS: -lpcap
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <netdb.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/ether.h>
#include <pcap.h>

// hostbyaddr is gethostbyaddr's h_name copied into out (0: found).
static int hostbyaddr(const void *addr, int len, int af, char *out, size_t outlen) {
	struct hostent he, *res = NULL;
	size_t buflen = 8192;
	char *buf = NULL;
	int herr = 0, rc;
	for (;;) {
		char *nb = realloc(buf, buflen);
		if (nb == NULL) { free(buf); return -1; }
		buf = nb;
		rc = gethostbyaddr_r(addr, len, af, &he, buf, buflen, &res, &herr);
		if (rc == ERANGE && buflen < (1u << 20)) { buflen *= 2; continue; }
		break;
	}
	if (rc != 0 || res == NULL || res->h_name == NULL) { free(buf); return -1; }
	size_t n = strlen(res->h_name);
	if (n >= outlen) n = outlen - 1;
	memcpy(out, res->h_name, n);
	out[n] = 0;
	free(buf);
	return 0;
}

static int etherhost(const unsigned char *mac, char *out) {
	struct ether_addr ea;
	memcpy(ea.ether_addr_octet, mac, 6);
	return ether_ntohost(out, &ea);
}

// nextserv is getservent_r: name, port (host order) and protocol.
static int nextserv(char *name, size_t nlen, int *port, char *proto, size_t plen) {
	struct servent se, *res = NULL;
	char buf[4096];
	if (getservent_r(&se, buf, sizeof buf, &res) != 0 || res == NULL) return -1;
	strncpy(name, res->s_name, nlen - 1); name[nlen - 1] = 0;
	strncpy(proto, res->s_proto, plen - 1); proto[plen - 1] = 0;
	*port = ntohs(res->s_port);
	return 0;
}

static int lookupnet(const char *dev, unsigned int *net, unsigned int *mask, char *err) {
	bpf_u_int32 n = 0, m = 0;
	int rc = pcap_lookupnet(dev, &n, &m, err);
	*net = n;
	*mask = m;
	return rc;
}
*/
import "C"

import (
	"errors"
	"sync"
	"unsafe"

	"github.com/xdpdump/xdpdump/internal/printer"
)

// Resolver is the C library's printer.Resolver.
type Resolver struct{}

var _ printer.Resolver = Resolver{}

// HostByAddr is gethostbyaddr (AF_INET for 4 bytes, AF_INET6 for 16).
func (Resolver) HostByAddr(addr []byte) (string, bool) {
	af := C.AF_INET
	switch len(addr) {
	case 4:
	case 16:
		af = C.AF_INET6
	default:
		return "", false
	}
	var out [1025]C.char
	if C.hostbyaddr(unsafe.Pointer(&addr[0]), C.int(len(addr)), C.int(af), &out[0], C.size_t(len(out))) != 0 {
		return "", false
	}
	return C.GoString(&out[0]), true
}

// EtherHost is ether_ntohost.
func (Resolver) EtherHost(mac [6]byte) (string, bool) {
	var out [1024]C.char
	if C.etherhost((*C.uchar)(unsafe.Pointer(&mac[0])), &out[0]) != 0 {
		return "", false
	}
	return C.GoString(&out[0]), true
}

// servMu serializes the getservent cursor, which is the process's.
var servMu sync.Mutex

// Services are getservent's entries, in its order.
func (Resolver) Services() []printer.Service {
	servMu.Lock()
	defer servMu.Unlock()
	C.setservent(0)
	defer C.endservent()
	var out []printer.Service
	var name [256]C.char
	var proto [32]C.char
	var port C.int
	for C.nextserv(&name[0], C.size_t(len(name)), &port, &proto[0], C.size_t(len(proto))) == 0 {
		out = append(out, printer.Service{Name: C.GoString(&name[0]), Port: uint16(port), Proto: C.GoString(&proto[0])})
	}
	return out
}

// LookupNet is pcap_lookupnet: the IPv4 network and netmask of device, in
// network byte order as 4 bytes each, or libpcap's error.
func LookupNet(device string) (network, mask [4]byte, err error) {
	cdev := C.CString(device)
	defer C.free(unsafe.Pointer(cdev))
	var n, m C.uint
	var ebuf [C.PCAP_ERRBUF_SIZE]C.char
	if C.lookupnet(cdev, &n, &m, &ebuf[0]) != 0 {
		return network, mask, errors.New(C.GoString(&ebuf[0]))
	}
	nn, mm := uint32(n), uint32(m)
	// bpf_u_int32 holds the address as it lies in memory.
	*(*uint32)(unsafe.Pointer(&network[0])) = nn
	*(*uint32)(unsafe.Pointer(&mask[0])) = mm
	return network, mask, nil
}
