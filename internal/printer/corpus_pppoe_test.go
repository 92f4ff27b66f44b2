// PPPoE and PPP frames for the comparison with tcpdump (print-pppoe.c,
// print-ppp.c): discovery packets with text, binary and empty tags,
// session packets carrying LCP, IPCP, IP6CP, CCP and BACP messages of
// every code with their options (good, bogus and unknown), PAP, CHAP,
// multilink, HDLC-escaped frames, IPv4, IPv6 and MPLS, bad lengths and
// captures cut short.

package printer

func pppoeFrame(et uint16, verType, code byte, sid uint16, payload []byte) []byte {
	return pad(cat(macB, macA, u16b(et), []byte{verType, code}, u16b(sid), u16b(uint16(len(payload))), payload))
}

func pppoeTag(t uint16, v []byte) []byte { return cat(u16b(t), u16b(uint16(len(v))), v) }

// cpMsg builds a control protocol message.
func cpMsg(code, id byte, data []byte) []byte {
	return cat([]byte{code, id}, u16b(uint16(4+len(data))), data)
}

func cpOpt(t byte, v []byte) []byte { return cat([]byte{t, byte(2 + len(v))}, v) }

func pppoeCorpus() []frame {
	var fs []frame
	add := func(name string, b []byte) { fs = append(fs, full(name, b)) }
	sess := func(name string, proto uint16, b []byte) {
		add(name, pppoeFrame(0x8864, 0x11, 0, 0x1234, cat(u16b(proto), b)))
	}
	// Discovery.
	for _, code := range []byte{0x09, 0x07, 0x19, 0x65, 0xa7, 0x42} {
		add("pppoe-disc", pppoeFrame(0x8863, 0x11, code, uint16(code)*3, cat(pppoeTag(0x0101, nil), pppoeTag(0x0102, []byte("ac-name-1")),
			pppoeTag(0x0103, []byte{1, 2, 3, 4}), pppoeTag(0x0104, []byte("cookie\x01")), pppoeTag(0x0105, []byte{0, 0, 0x0d, 0xe9, 1}),
			pppoeTag(0x0110, []byte("relay")), pppoeTag(0x0120, u16b(1500)), pppoeTag(0x0201, []byte("no service")),
			pppoeTag(0x0202, []byte("sys err")), pppoeTag(0x0203, []byte("generic")), pppoeTag(0x0999, []byte("tag?")), pppoeTag(0, nil),
			pppoeTag(0x0101, []byte("after-eol")))))
	}
	long := make([]byte, 120)
	for i := range long {
		long[i] = 'a' + byte(i%26)
	}
	add("pppoe-longtag", pppoeFrame(0x8863, 0x11, 0x09, 0, pppoeTag(0x0101, long)))
	add("pppoe-badver", pppoeFrame(0x8863, 0x23, 0x09, 0, pppoeTag(0x0101, []byte("x"))))
	add("pppoe-padi-len", pad(cat(macB, macA, u16b(0x8863), []byte{0x11, 0x09}, u16b(0), u16b(1480), pppoeTag(0x0101, nil))))
	add("pppoe-lenover", pad(cat(macB, macA, u16b(0x8863), []byte{0x11, 0x07}, u16b(1), u16b(200), pppoeTag(0x0102, []byte("ac")))))
	add("pppoe-tagover", pppoeFrame(0x8863, 0x11, 0x07, 1, cat(u16b(0x0102), u16b(50), []byte("short"))))
	add("pppoe-tagpartial", pppoeFrame(0x8863, 0x11, 0x07, 1, []byte{1, 2}))
	add("pppoe-d2", pppoeFrame(0x3c12, 0x11, 0x09, 0, pppoeTag(0x0101, nil)))
	fs = append(fs, full("pppoe-short", cat(macB, macA, u16b(0x8863), []byte{0x11, 0x09, 0})))
	// LCP.
	lcpOpts := cat(cpOpt(1, u16b(1492)), cpOpt(2, u32b(0)), cpOpt(3, cat(u16b(0xc223), []byte{5})), cpOpt(3, u16b(0xc023)),
		cpOpt(3, cat(u16b(0xc223), []byte{0x81})), cpOpt(3, cat(u16b(0xc223), []byte{7})), cpOpt(3, u16b(0x1234)), cpOpt(4, cat(u16b(0xc025), u32b(10))),
		cpOpt(4, u16b(1)), cpOpt(5, u32b(0xdeadbeef)), cpOpt(7, nil), cpOpt(8, nil), cpOpt(13, []byte{1, 'x'}), cpOpt(13, []byte{9}),
		cpOpt(17, u16b(1600)), cpOpt(18, nil), cpOpt(19, []byte{0}), cpOpt(19, []byte{1, 1, 2}), cpOpt(19, cat([]byte{2}, ip4A)),
		cpOpt(19, cat([]byte{3}, macA)), cpOpt(19, []byte{4, 1, 2, 3, 4}), cpOpt(19, []byte{5, '5', '5'}), cpOpt(19, []byte{9}),
		cpOpt(23, u16b(7)), cpOpt(0, cat([]byte{0, 0, 0x0c}, []byte{1, 2})), cpOpt(9, []byte{1}), cpOpt(30, []byte{1}))
	for _, code := range []byte{1, 2, 3, 4} {
		sess("lcp-conf", 0xc021, cpMsg(code, 7, lcpOpts))
	}
	sess("lcp-bogus", 0xc021, cpMsg(1, 8, cat(cpOpt(1, []byte{1}), cpOpt(2, u16b(1)), cpOpt(3, nil), cpOpt(0, []byte{1}),
		cpOpt(4, nil), cpOpt(5, nil), cpOpt(13, nil), cpOpt(17, nil), cpOpt(19, nil), cpOpt(19, []byte{2, 1}), cpOpt(19, []byte{3, 1}), cpOpt(23, nil))))
	sess("lcp-bogus2", 0xc021, cpMsg(1, 9, cat(cpOpt(5, nil), cpOpt(1, u16b(1)))))
	sess("lcp-optlen0", 0xc021, cpMsg(1, 9, []byte{1, 0, 2, 2}))
	sess("lcp-optlen0-unknown", 0xc021, cpMsg(1, 9, []byte{40, 1, 2, 2}))
	sess("lcp-unknown-opt", 0xc021, cpMsg(1, 9, cat(cpOpt(31, []byte{1, 2}), cpOpt(1, u16b(1500)))))
	sess("lcp-optover", 0xc021, cpMsg(1, 9, []byte{1, 9, 5, 0}))
	sess("lcp-empty", 0xc021, cpMsg(1, 10, nil))
	sess("lcp-term", 0xc021, cpMsg(5, 11, []byte("bye")))
	sess("lcp-termack", 0xc021, cpMsg(6, 11, nil))
	sess("lcp-coderej", 0xc021, cpMsg(7, 12, []byte{0x20, 1, 0, 4}))
	sess("lcp-protrej", 0xc021, cpMsg(8, 13, cat(u16b(0x8057), []byte{1, 2, 0, 4})))
	sess("lcp-protrej2", 0xc021, cpMsg(8, 13, u16b(0x1234)))
	sess("lcp-echo", 0xc021, cpMsg(9, 14, u32b(0x01020304)))
	sess("lcp-echoreply", 0xc021, cpMsg(10, 14, cat(u32b(0x05060708), []byte("trailing"))))
	sess("lcp-disc", 0xc021, cpMsg(11, 15, u32b(1)))
	sess("lcp-ident", 0xc021, cpMsg(12, 16, cat(u32b(2), []byte("hello, peer\x01"))))
	sess("lcp-ident-short", 0xc021, cpMsg(12, 16, u32b(2)))
	sess("lcp-timerem", 0xc021, cpMsg(13, 17, cat(u32b(3), u32b(3600))))
	sess("lcp-vext", 0xc021, cpMsg(0, 18, cat(u32b(4), []byte{0, 0, 0x0c, 1, 2})))
	sess("lcp-vext-short", 0xc021, cpMsg(0, 18, u32b(4)))
	sess("lcp-unknown-code", 0xc021, cpMsg(33, 19, []byte{1, 2, 3}))
	sess("lcp-resetreq", 0x80fd, cpMsg(14, 20, []byte{1, 2}))
	sess("lcp-badlen", 0xc021, cat([]byte{1, 1}, u16b(2), []byte{1, 4, 0, 1}))
	sess("lcp-overlen", 0xc021, cat([]byte{1, 1}, u16b(40), []byte{1, 4, 0, 1}))
	sess("lcp-short", 0xc021, []byte{1, 1})
	// IPCP, IP6CP, CCP, BACP, other control protocols.
	hc := cat(u16b(0x61), u16b(15), u16b(16), u16b(256), u16b(5), u16b(168), []byte{1, 2}, []byte{2, 4, 0, 0}, []byte{9, 9})
	for _, code := range []byte{1, 3, 4} {
		sess("ipcp", 0x8021, cpMsg(code, 1, cat(cpOpt(1, cat(ip4A, ip4B)), cpOpt(2, cat(u16b(0x002d), []byte{15, 1})), cpOpt(2, hc),
			cpOpt(2, u16b(0x99)), cpOpt(3, ip4A), cpOpt(4, ip4B), cpOpt(129, ip4A), cpOpt(130, ip4B), cpOpt(131, ip4A), cpOpt(132, ip4B), cpOpt(77, []byte{1}))))
	}
	sess("ipcp-bogus", 0x8021, cpMsg(1, 2, cat(cpOpt(1, ip4A), cpOpt(2, []byte{0x00}), cpOpt(3, u16b(1)))))
	sess("ipcp-bogus2", 0x8021, cpMsg(1, 2, cat(cpOpt(2, cat(u16b(0x61), u16b(1))), cpOpt(3, ip4A))))
	sess("ipcp-subopt", 0x8021, cpMsg(1, 2, cpOpt(2, cat(u16b(0x61), make([]byte, 10), []byte{1, 9, 0, 0}))))
	sess("ipcp-zero", 0x8021, cpMsg(1, 2, []byte{3, 0}))
	sess("ip6cp", 0x8057, cpMsg(1, 3, cat(cpOpt(1, []byte{0x02, 0x77, 0, 0xff, 0xfe, 0, 0, 1}), cpOpt(1, []byte{1}), cpOpt(2, []byte{1, 2}))))
	sess("ip6cp-zero", 0x8057, cpMsg(2, 3, []byte{1, 1}))
	sess("ccp", 0x80fd, cpMsg(1, 4, cat(cpOpt(21, []byte{0x2f}), cpOpt(24, []byte{0xe5, 7}), cpOpt(26, []byte{0x78, 0x05}), cpOpt(26, []byte{0x79, 0xff}),
		cpOpt(18, u32b(0x01000001)), cpOpt(21, nil), cpOpt(24, []byte{1}), cpOpt(26, []byte{1}), cpOpt(99, nil))))
	sess("ccp-zero", 0x80fd, cpMsg(1, 4, []byte{21, 1}))
	sess("bacp", 0xc02b, cpMsg(1, 5, cat(cpOpt(1, u32b(0x11223344)), cpOpt(1, []byte{1}), cpOpt(2, []byte{3}))))
	sess("bacp-zero", 0xc02b, cpMsg(1, 5, []byte{1, 0}))
	sess("osicp", 0x8023, cpMsg(1, 6, cpOpt(1, []byte{1})))
	sess("mplscp", 0x8281, cpMsg(2, 6, nil))
	// PAP, CHAP, multilink, BAP.
	sess("pap-req", 0xc023, cat([]byte{1, 1}, u16b(4+1+5+1+6), []byte{5}, []byte("alice"), []byte{6}, []byte("secret")))
	sess("pap-ack", 0xc023, cat([]byte{2, 1}, u16b(4+1+7), []byte{7}, []byte("welcome")))
	sess("pap-nak", 0xc023, cat([]byte{3, 1}, u16b(4+1+3), []byte{3}, []byte("no!")))
	sess("pap-unknown", 0xc023, cat([]byte{9, 1}, u16b(4)))
	sess("pap-short", 0xc023, cat([]byte{1, 1}, u16b(5), []byte{5}))
	sess("pap-ackshort", 0xc023, cat([]byte{2, 1}, u16b(4)))
	sess("pap-over", 0xc023, cat([]byte{1, 1}, u16b(99)))
	sess("pap-under", 0xc023, cat([]byte{1, 1}, u16b(2)))
	sess("pap-peerover", 0xc023, cat([]byte{1, 1}, u16b(8), []byte{9, 'a', 'b', 'c'}))
	sess("pap-tiny", 0xc023, []byte{1, 2})
	sess("chap-chal", 0xc223, cat([]byte{1, 2}, u16b(4+1+4+6), []byte{4, 0xde, 0xad, 0xbe, 0xef}, []byte("server")))
	sess("chap-resp", 0xc223, cat([]byte{2, 2}, u16b(4+1+2+5), []byte{2, 1, 2}, []byte("alice")))
	sess("chap-succ", 0xc223, cat([]byte{3, 2}, u16b(4+7), []byte("Welcome")))
	sess("chap-fail", 0xc223, cat([]byte{4, 2}, u16b(4+4), []byte("Nope")))
	sess("chap-unknown", 0xc223, cat([]byte{7, 2}, u16b(4)))
	sess("chap-valover", 0xc223, cat([]byte{1, 2}, u16b(9), []byte{9, 1, 2}))
	sess("chap-namelen", 0xc223, cat([]byte{1, 2}, u16b(3), []byte{1, 1, 'x', 'y'}))
	sess("chap-tiny", 0xc223, []byte{1})
	sess("mlppp", 0x003d, []byte{0xc0, 0x12, 1, 2, 3})
	sess("mlppp-mid", 0x003d, []byte{0x0a, 0xbc})
	sess("mlppp-short", 0x003d, []byte{0x80})
	sess("bap", 0xc02d, []byte{1, 2, 0, 4})
	sess("ppp-comp", 0x00fd, []byte{1, 2, 3})
	sess("ppp-unknown", 0x4321, []byte{1, 2, 3, 4})
	sess("ppp-lqm", 0xc025, []byte{1, 2, 3, 4})
	// Network protocols.
	u := udp4To(ip4B, 5000, 6000, []byte("over pppoe"))
	ip := cat([]byte{0x45, 0, 0, byte(20 + len(u)), 0, 1, 0x40, 0, 64, 17, 0, 0}, ip4A, ip4B)
	c := cksum(0, ip)
	ip[10], ip[11] = byte(c>>8), byte(c)
	ip4pkt := cat(ip, u)
	sess("ppp-ip", 0x0021, ip4pkt)
	sess("ppp-ipeth", 0x0800, ip4pkt)
	sess("ppp-vjnc", 0x002f, ip4pkt)
	sess("ppp-ip6", 0x0057, serialize(ip6(ip6A, ip6B, 17, 64), udpLayer6(), payload6()))
	sess("ppp-mpls", 0x0281, cat(mplsEntry(100, 0, true, 64), ip4pkt))
	add("ppp-acfc", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0xff, 0x03}, u16b(0x0021), ip4pkt)))
	add("ppp-in", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0x00, 0x03}, u16b(0xc021), cpMsg(9, 1, u32b(1)))))
	add("ppp-out", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0x01, 0x03}, u16b(0xc021), cpMsg(10, 1, u32b(1)))))
	add("ppp-pfc", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0x21}, ip4pkt)))
	add("ppp-pfc-unknown", pppoeFrame(0x8864, 0x11, 0, 1, []byte{0x41, 1, 2}))
	// HDLC-escaped frames.
	esc := func(b []byte) []byte {
		var out []byte
		for _, x := range b {
			if x == 0x7d || x == 0x7e || x < 0x20 {
				out = append(out, 0x7d, x^0x20)
			} else {
				out = append(out, x)
			}
		}
		return out
	}
	add("ppp-hdlc-ip", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0x7e}, esc(cat([]byte{0x21}, ip4pkt)))))
	add("ppp-hdlc-ffo3", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0x7e}, esc(cat([]byte{0xff, 0x03}, u16b(0xc021), cpMsg(9, 1, u32b(7)))))))
	add("ppp-hdlc-proto", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0x7e}, esc(cat(u16b(0xc023), []byte{2, 1, 0, 5, 0})))))
	add("ppp-hdlc-bad", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0x7e}, esc(cat(u16b(0x7e11), []byte{1})))))
	add("ppp-hdlc-bad2", pppoeFrame(0x8864, 0x11, 0, 1, cat([]byte{0x7e}, esc(cat([]byte{0xff, 0x03}, u16b(0x7e21), []byte{1})))))
	add("ppp-hdlc-trail", pppoeFrame(0x8864, 0x11, 0, 1, []byte{0x7e, 0x7d}))
	add("ppp-hdlc-one", pppoeFrame(0x8864, 0x11, 0, 1, []byte{0x7e, 0x40}))
	add("ppp-hdlc-ffshort", pppoeFrame(0x8864, 0x11, 0, 1, []byte{0x7e, 0xff, 0x03, 0x40}))
	add("ppp-tiny", pppoeFrame(0x8864, 0x11, 0, 1, []byte{0xc0}))
	add("ppp-acfc-tiny", pppoeFrame(0x8864, 0x11, 0, 1, []byte{0xff, 0x03, 0xc0}))
	add("pppoe-s2", pppoeFrame(0x3c13, 0x11, 0, 1, cat(u16b(0xc021), cpMsg(9, 1, u32b(1)))))
	// Cut short.
	base := full("pppoe-cut", pppoeFrame(0x8864, 0x11, 0, 0x1234, cat(u16b(0xc021), cpMsg(1, 7, lcpOpts))))
	for _, n := range []int{14, 16, 19, 20, 21, 22, 23, 24, 25, 26, 28, 30, 34, 40, 50, 60} {
		fs = append(fs, cut(base, n))
	}
	dbase := full("pppoe-disc-cut", pppoeFrame(0x8863, 0x11, 0x07, 1, cat(pppoeTag(0x0102, []byte("ac-name")), pppoeTag(0x0103, []byte{1, 2, 3, 4}))))
	for _, n := range []int{20, 22, 24, 26, 30, 32, 36} {
		fs = append(fs, cut(dbase, n))
	}
	cbase := full("chap-cut", pppoeFrame(0x8864, 0x11, 0, 1, cat(u16b(0xc223), []byte{1, 2}, u16b(4+1+4+6), []byte{4, 0xde, 0xad, 0xbe, 0xef}, []byte("server"))))
	for _, n := range []int{22, 23, 24, 26, 27, 28, 30, 33} {
		fs = append(fs, cut(cbase, n))
	}
	return fs
}
