// IPv4 options for the comparison with tcpdump (print-ip.c's
// ip_optprint): timestamps of every type with and without addresses, the
// record-route and source-route options (whose last address is the
// destination of the transport checksum), router alert, security,
// traceroute and unknown options, bad lengths and pointers, options cut
// short.

package printer

import "encoding/binary"

// raw4 builds Ethernet + IPv4 with the options opts (padded with zeros
// to a multiple of 4 bytes) + payload, with a correct header checksum.
func raw4(proto byte, opts, payload []byte) []byte {
	for len(opts)%4 != 0 {
		opts = append(opts, 0)
	}
	h := cat([]byte{0x40 | byte(5+len(opts)/4), 0}, u16b(uint16(20+len(opts)+len(payload))),
		u16b(0x1234), u16b(0x4000), []byte{64, proto, 0, 0}, ip4A, ip4B, opts)
	binary.BigEndian.PutUint16(h[10:], cksum(0, h))
	return pad(cat(macA, macB, []byte{0x08, 0x00}, h, payload))
}

// udp4To returns a UDP datagram from ip4A to dst with a correct checksum.
func udp4To(dst []byte, sp, dp uint16, data []byte) []byte {
	u := cat(u16b(sp), u16b(dp), u16b(uint16(8+len(data))), u16b(0), data)
	ph := cat(ip4A, dst, []byte{0, 17}, u16b(uint16(len(u))))
	binary.BigEndian.PutUint16(u[6:], cksum(sum16(0, ph), u))
	return u
}

func ipOptCorpus() []frame {
	var fs []frame
	add := func(name string, opts []byte) {
		fs = append(fs, full(name, raw4(253, opts, []byte("payload"))))
	}
	ts := func(ptr, fl byte, entries ...uint32) []byte {
		b := []byte{68, 0, ptr, fl}
		for _, e := range entries {
			b = append(b, u32b(e)...)
		}
		b[1] = byte(len(b))
		return b
	}
	c := []byte{198, 18, 0, 9}
	d := []byte{198, 18, 0, 10}
	add("ts-only", ts(5, 0, 1000, 2000, 3000))
	add("ts-only-full", ts(17, 0, 1000, 2000, 3000))
	add("ts-only-ptr", ts(9, 0, 1000, 2000, 3000))
	add("ts-addr", ts(5, 1, binary.BigEndian.Uint32(c), 4000, binary.BigEndian.Uint32(d), 5000))
	add("ts-addr-ptr", ts(13, 1, binary.BigEndian.Uint32(c), 4000, binary.BigEndian.Uint32(d), 5000))
	add("ts-prespec", ts(5, 3, binary.BigEndian.Uint32(c), 0, binary.BigEndian.Uint32(d), 0))
	add("ts-prespec2", ts(21, 2, binary.BigEndian.Uint32(c), 7, binary.BigEndian.Uint32(d), 8))
	add("ts-badtype", ts(5, 7, 1, 2))
	add("ts-overflow", ts(13, 0x30, 1, 2))
	add("ts-overflow-addr", ts(21, 0xf1, 1, 2, 3, 4))
	add("ts-badptr", ts(6, 0, 1, 2))
	add("ts-ptr0", ts(0, 0, 1, 2))
	add("ts-ptr-past", ts(40, 0, 1, 2))
	add("ts-badlen", append(ts(5, 1, 1, 2, 3)[:14:14], 0, 0))
	add("ts-short", []byte{68, 3, 5, 0})
	add("ts-len4", []byte{68, 4, 5, 0})
	add("ts-nop", cat([]byte{1}, ts(5, 0, 9), []byte{1, 0}))
	add("rr", cat([]byte{7, 11, 4}, c, d))
	add("rr-badptr", cat([]byte{7, 11, 5}, c, d))
	add("rr-badlen", cat([]byte{7, 9, 4}, c, d[:2]))
	add("ra", []byte{148, 4, 0, 0})
	add("ra-value", []byte{148, 4, 0, 7})
	add("ra-short", []byte{148, 2, 1, 1})
	add("security", []byte{130, 11, 0xf1, 0x35, 0, 0, 0, 0, 0, 0, 0})
	add("traceroute", []byte{82, 12, 0, 1, 0, 2, 0, 3, 1, 2, 3, 4})
	add("unknown", []byte{0x99, 4, 1, 2})
	add("eol-nop", []byte{1, 1, 0, 7, 7})
	add("badlen0", []byte{7, 0, 1, 1})
	add("badlen1", []byte{68, 1, 1, 1})
	add("toolong", []byte{7, 40, 4, 0})
	add("many", cat([]byte{1}, []byte{148, 4, 0, 0}, ts(5, 0, 77), cat([]byte{7, 7, 4}, c)))
	// Source routes: the transport checksum uses the last address.
	for _, code := range []byte{131, 137} {
		sr := cat([]byte{code, 11, 4}, c, d)
		u := udp4To(d, 5000, 6000, []byte("source routed"))
		fs = append(fs, full("srcroute-udp", raw4(17, sr, u)))
		bad := udp4To(ip4B, 5000, 6000, []byte("source routed"))
		fs = append(fs, full("srcroute-udp-bad", raw4(17, sr, bad)))
		fs = append(fs, full("srcroute-short", raw4(17, cat([]byte{code, 3, 4}), u)))
		fs = append(fs, full("srcroute-6", raw4(17, cat([]byte{code, 7, 4}, d), u)))
		fs = append(fs, full("srcroute-nop", raw4(17, cat([]byte{1}, sr), u)))
		fs = append(fs, full("srcroute-afterbad", raw4(17, cat([]byte{7, 1}, sr), bad)))
	}
	// Options cut short.
	n := len(fs)
	for _, f := range fs[:n] {
		for _, k := range []int{35, 36, 37, 38, 39, 41, 43, 47, 50, 54} {
			if k < len(f.data) {
				fs = append(fs, cut(f, k))
			}
		}
	}
	return fs
}
