// TCP options for the comparison with tcpdump (print-tcp.c and
// print-mptcp.c): MPTCP subtypes in versions 0 and 1 with the lengths and
// flags each accepts, TCP Fast Open (RFC 7413 and the experimental
// "exp-tfo" form), TCP-AO, md5 signatures, SCPS, user timeout, AccECN and
// unknown kinds, malformed lengths and options cut short.

package printer

import "encoding/binary"

// Segment flags.
const (
	tFIN = 0x01
	tSYN = 0x02
	tRST = 0x04
	tPSH = 0x08
	tACK = 0x10
)

// tcpRaw builds Ethernet + IPv4 (or IPv6) + a TCP header with the options
// opts (padded with EOLs to a multiple of 4 bytes) + payload,
// with correct checksums.
func tcpRaw(v6 bool, flags byte, opts, payload []byte) []byte {
	for len(opts)%4 != 0 {
		opts = append(opts, 0)
	}
	t := cat(u16b(40123), u16b(5201), u32b(1000), u32b(2000), []byte{byte(5+len(opts)/4) << 4, flags}, u16b(1024), u16b(0), u16b(0), opts, payload)
	if v6 {
		binary.BigEndian.PutUint16(t[16:], cksum(sum16(0, cat(ip6A.To16(), ip6B.To16(), u32b(uint32(len(t))), []byte{0, 0, 0, 6})), t))
		return raw6(ip6A, ip6B, 6, 64, t)
	}
	binary.BigEndian.PutUint16(t[16:], cksum(sum16(0, cat(ip4A, ip4B, []byte{0, 6}, u16b(uint16(len(t))))), t))
	return raw4(6, nil, t)
}

func topt(kind byte, data ...byte) []byte { return cat([]byte{kind, byte(2 + len(data))}, data) }

func tcpOptCorpus() []frame {
	var fs []frame
	add := func(name string, flags byte, opts, payload []byte) {
		fs = append(fs, full(name, tcpRaw(false, flags, opts, payload)))
	}
	key1 := []byte{0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88}
	key2 := []byte{0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01}
	mp := func(sub, low byte, rest ...byte) []byte { return topt(30, cat([]byte{sub<<4 | low}, rest)...) }
	// MP_CAPABLE, v0 and v1, in SYN, SYN/ACK and ACK.
	for _, v := range []byte{0, 1, 2} {
		add("mp-capable-syn", tSYN, mp(0, v, cat([]byte{0x81}, key1)...), nil)
		add("mp-capable-syn4", tSYN, mp(0, v, 0x01), nil)
		add("mp-capable-synack", tSYN|tACK, mp(0, v, cat([]byte{0x01}, key1)...), nil)
		add("mp-capable-ack", tACK, mp(0, v, cat([]byte{0x81}, key1, key2)...), nil)
		add("mp-capable-ack22", tACK|tPSH, mp(0, v, cat([]byte{0x01}, key1, key2, []byte{0, 40})...), []byte("data"))
		add("mp-capable-bad", tACK, mp(0, v, cat([]byte{0x01}, key1)...), nil)
	}
	// MP_JOIN.
	add("mp-join-syn", tSYN, mp(1, 1, cat([]byte{3}, u32b(0xdeadbeef), u32b(0x01020304))...), nil)
	add("mp-join-syn-nobackup", tSYN, mp(1, 0, cat([]byte{4}, u32b(7), u32b(8))...), nil)
	add("mp-join-synack", tSYN|tACK, mp(1, 0, cat([]byte{5}, key1, u32b(0x0a0b0c0d))...), nil)
	add("mp-join-ack", tACK, mp(1, 0, cat([]byte{0}, key1, key2, key1[:4])...), nil)
	add("mp-join-bad", tACK, mp(1, 0, cat([]byte{5}, key1, u32b(1))...), nil)
	// DSS with every combination of its flags.
	for fl := byte(0); fl < 0x20; fl++ {
		body := []byte{fl}
		if fl&0x01 != 0 {
			if fl&0x02 != 0 {
				body = append(body, key1...)
			} else {
				body = append(body, key1[:4]...)
			}
		}
		if fl&0x04 != 0 {
			if fl&0x08 != 0 {
				body = append(body, key2...)
			} else {
				body = append(body, key2[:4]...)
			}
			body = append(body, cat(u32b(77), u16b(1400))...)
			if fl&0x10 == 0 {
				body = append(body, 0xab, 0xcd) // checksum
			}
		}
		add("mp-dss", tACK, mp(2, 0, body...), nil)
	}
	add("mp-dss-syn", tSYN, mp(2, 0, 0x01, 0, 0, 0, 1), nil)
	add("mp-dss-short", tACK, mp(2, 0, 0x05, 0, 0, 0, 1), nil)
	add("mp-dss-extra", tACK, mp(2, 0, 0x01, 0, 0, 0, 1, 9), nil)
	add("mp-dss-3", tACK, topt(30, 0x20), nil)
	// ADD_ADDR in every length it takes, v0 and v1 (echo).
	a4 := []byte{198, 18, 0, 7}
	a6 := ip6b16("2001:db8::7")
	for _, low := range []byte{0, 1, 4, 6, 9} {
		add("mp-addaddr", tACK, mp(3, low, cat([]byte{2}, a4)...), nil)
		add("mp-addaddr-port", tACK, mp(3, low, cat([]byte{2}, a4, u16b(8080))...), nil)
		add("mp-addaddr-hmac", tACK, mp(3, low, cat([]byte{2}, a4, key1)...), nil)
		add("mp-addaddr-port-hmac", tACK, mp(3, low, cat([]byte{2}, a4, u16b(8080), key1)...), nil)
		add("mp-addaddr6", tACK, mp(3, low, cat([]byte{3}, a6)...), nil)
		add("mp-addaddr6-port", tACK, mp(3, low, cat([]byte{3}, a6, u16b(443))...), nil)
		add("mp-addaddr6-hmac", tACK, mp(3, low, cat([]byte{3}, a6, key2)...), nil)
		add("mp-addaddr6-port-hmac", tACK, mp(3, low, cat([]byte{3}, a6, u16b(443), key2)...), nil)
	}
	add("mp-addaddr-bad", tACK, mp(3, 0, 1, 2, 3, 4, 5, 6), nil)
	// REMOVE_ADDR, MP_PRIO, MP_FAIL, MP_FASTCLOSE, MP_TCPRST and unknown.
	add("mp-remaddr", tACK, mp(4, 0, 1, 2, 3), nil)
	add("mp-remaddr1", tACK, mp(4, 0, 9), nil)
	add("mp-remaddr-bad", tACK, mp(4, 0), nil)
	add("mp-prio", tACK, mp(5, 1), nil)
	add("mp-prio-id", tACK, mp(5, 0, 6), nil)
	add("mp-prio-bad", tACK, mp(5, 0, 6, 7), nil)
	add("mp-fail", tACK, mp(6, 0, cat([]byte{0}, key1)...), nil)
	add("mp-fail-bad", tACK, mp(6, 0, 0, 1), nil)
	add("mp-fastclose", tACK|tRST, mp(7, 0, cat([]byte{0}, key2)...), nil)
	add("mp-fastclose-bad", tACK, mp(7, 0, 0), nil)
	add("mp-tcprst", tRST, mp(8, 0, 0x01, 0x02), nil)
	add("mp-unknown", tACK, mp(0xf, 0, 1, 2, 3), nil)
	add("mp-short", tACK, topt(30), nil)
	add("mp-then-opts", tACK, cat(mp(5, 1), []byte{1, 1}, topt(8, cat(u32b(5), u32b(6))...)), nil)
	// TCP Fast Open and the experimental form.
	for _, n := range []int{0, 2, 3, 4, 6, 8, 16, 18} {
		cookie := make([]byte, n)
		for i := range cookie {
			cookie[i] = byte(0xc0 + i)
		}
		add("tfo", tSYN, topt(34, cookie...), nil)
		add("exp-tfo", tSYN, topt(254, cat([]byte{0xf9, 0x89}, cookie)...), nil)
	}
	add("exp-other", tSYN, topt(254, 0x12, 0x34, 1, 2), nil)
	add("exp-magic-only", tSYN, topt(254, 0x12, 0x34), nil)
	add("exp-short", tSYN, topt(254, 0xf9), nil)
	add("exp-empty", tSYN, topt(254), nil)
	add("exp-253", tSYN, topt(253, 0xf9, 0x89), nil)
	// TCP-AO, md5, SCPS, user timeout, AccECN, unknown kinds.
	add("tcpao", tACK, topt(29, 1, 2, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6), nil)
	add("tcpao-nomac", tACK, topt(29, 7, 9), nil)
	add("tcpao-short", tACK, topt(29, 7), nil)
	add("tcpao-empty", tACK, topt(29), nil)
	md5 := topt(19, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f)
	add("md5", tSYN, md5, nil)
	add("md5-data", tACK|tPSH, md5, []byte("bgp would be here"))
	add("md5-short", tACK, topt(19, 1, 2, 3), nil)
	add("scps", tSYN, topt(20, 0xa5, 7), nil)
	add("scps-long", tSYN, topt(20, 0xa5, 7, 9), nil)
	add("scps-short", tSYN, topt(20, 0xa5), nil)
	add("uto", tSYN, topt(28, 0x80, 0x01), nil)
	add("uto-min", tSYN, topt(28, 0x00, 0x3c), nil)
	add("accecn0", tACK, topt(172, 0, 0, 1, 0, 0, 2, 0, 0, 3), nil)
	add("accecn1", tACK, topt(174, 0, 0, 1, 0, 0, 2), nil)
	add("unknown", tACK, topt(99, 1, 2, 3), nil)
	add("unknown-empty", tACK, topt(99), nil)
	add("cc", tSYN, cat(topt(11, 0, 0, 0, 5), topt(12, 0, 0, 0, 6), topt(13, 0, 0, 0, 7)), nil)
	add("echo", tSYN, cat(topt(6, 0, 0, 0, 5), topt(7, 0, 0, 0, 6)), nil)
	add("mss-long", tSYN, topt(2, 5, 0xb4, 0), nil)
	add("badlen", tSYN, []byte{2, 1, 5, 0xb4}, nil)
	add("toolong", tSYN, []byte{2, 40, 5, 0xb4}, nil)
	// The same over IPv6, md5 cut short, and every option cut short.
	fs = append(fs, full("mp-dss6", tcpRaw(true, tACK, mp(2, 0, 0x05, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 4), nil)))
	fs = append(fs, full("md5-6", tcpRaw(true, tACK|tPSH, md5, []byte("payload"))))
	n := len(fs)
	for _, f := range fs[:n] {
		for _, k := range []int{54, 55, 56, 57, 59, 61, 63, 66, 70, 74, 78, 82} {
			if k < len(f.data) {
				fs = append(fs, cut(f, k))
			}
		}
	}
	return fs
}
