// ICMPv6 messages of print-icmp6.c beyond neighbor discovery and MLD, for
// the comparison with tcpdump: node information queries and replies (RFC
// 4620) with every query type and subject, router renumbering (RFC 2894)
// commands with match and use prefixes, and RPL (RFC 6550) DIS, DIO, DAO
// and DAO-ACK with options, in well-formed, odd and cut-short forms.

package printer

func icmp6Corpus() []frame {
	var fs []frame
	src, dst := ip6A, ip6B
	add := func(name string, msg []byte) {
		fs = append(fs, full(name, raw6(src, dst, 58, 64, sum6(src, dst, 58, msg, 2))))
	}
	nonce := []byte{1, 2, 3, 4, 5, 6, 7, 8}
	ni := func(typ, code byte, qtype, flags uint16, data []byte) []byte {
		return cat([]byte{typ, code, 0, 0}, u16b(qtype), u16b(flags), nonce, data)
	}
	name := dname("host.example.")
	pascal := cat([]byte{9}, []byte("node-name"))
	// Queries: every qtype and subject.
	for _, qt := range []uint16{0, 1, 2, 3, 4, 9} {
		for _, fl := range []uint16{0, 0x0001, 0x3e00, 0x7f00, 0x00ff} {
			add("ni-query-ip6", ni(139, 0, qt, fl, ip6b16("2001:db8::42")))
		}
		add("ni-query-fqdn", ni(139, 1, qt, 0, name))
		add("ni-query-ip4", ni(139, 2, qt, 0, []byte{198, 18, 0, 42}))
		add("ni-query-none", ni(139, 0, qt, 0, nil))
		add("ni-query-badsubj", ni(139, 7, qt, 0, []byte{1, 2, 3, 4}))
		add("ni-query-ip6-len", ni(139, 0, qt, 0, ip6b16("2001:db8::42")[:10]))
		add("ni-query-ip4-len", ni(139, 2, qt, 0, []byte{198, 18, 0, 42, 0}))
	}
	add("ni-query-pascal", ni(139, 1, 2, 0, pascal))
	add("ni-query-name-trunc", ni(139, 1, 2, 0, cat(dname("host."), []byte{0})))
	add("ni-query-name-bad", ni(139, 1, 2, 0, []byte{20, 'a', 'b'}))
	add("ni-query-name-nodot", ni(139, 1, 2, 0, []byte{4, 'h', 'o', 's', 't'}))
	add("ni-query-name-odd", ni(139, 1, 2, 0, []byte{1, 'a', 0, 7, 7}))
	add("ni-who-are-you", cat([]byte{139, 0, 0, 0}, u32b(0), u32b(0)))
	// Replies: every code and qtype.
	for _, code := range []byte{0, 1, 2, 3} {
		for _, qt := range []uint16{0, 1, 2, 3, 4} {
			add("ni-reply", ni(140, code, qt, 0, nil))
		}
	}
	add("ni-reply-noop-len", ni(140, 0, 0, 0, []byte{1, 2, 3, 4}))
	add("ni-reply-refused-len", ni(140, 1, 2, 0, []byte{1, 2, 3, 4}))
	add("ni-reply-suptypes", ni(140, 0, 1, 1, u32b(0x0000000f)))
	add("ni-reply-fqdn", ni(140, 0, 2, 0, cat(u32b(3600), name)))
	add("ni-reply-fqdn-ttl", ni(140, 0, 2, 1, cat(u32b(3600), name)))
	add("ni-reply-fqdn-pascal", ni(140, 0, 2, 1, cat(u32b(60), pascal)))
	addrs := cat(u32b(100), ip6b16("2001:db8::1"), u32b(200), ip6b16("fe80::1"))
	for _, fl := range []uint16{0, 0x0100, 0x7f00, 0x3e00} {
		add("ni-reply-addrs", ni(140, 0, 3, fl, addrs))
	}
	add("ni-reply-addrs-odd", ni(140, 0, 3, 0, cat(addrs, []byte{1, 2, 3})))
	add("ni-reply-ip4", ni(140, 0, 4, 0, cat(u32b(5), []byte{198, 18, 0, 5})))
	add("ni-reply-short", []byte{140, 0, 0, 0, 0, 3, 0, 0})

	// Router renumbering.
	rr := func(code byte, seq uint32, seg, flags byte, maxdelay uint16, rsvd uint32, body []byte) []byte {
		return cat([]byte{138, code, 0, 0}, u32b(seq), []byte{seg, flags}, u16b(maxdelay), u32b(rsvd), body)
	}
	match := func(code, ln, ord, mlen, min, max byte, prefix string) []byte {
		return cat([]byte{code, ln, ord, mlen, min, max, 0, 0}, ip6b16(prefix))
	}
	use := func(uselen, keeplen, mask, raflags byte, vl, pl uint32, fl byte, prefix string) []byte {
		return cat([]byte{uselen, keeplen, mask, raflags}, u32b(vl), u32b(pl), []byte{fl, 0, 0, 0}, ip6b16(prefix))
	}
	u1 := use(64, 48, 0xc0, 0x80, 86400, 3600, 0xc0, "2001:db8:1::")
	u2 := use(56, 0, 0, 0, 0xffffffff, 0xffffffff, 0, "2001:db8:2::")
	add("rr-command", rr(0, 7, 1, 0xf8, 500, 0, cat(match(1, 3+8, 2, 48, 0, 64, "2001:db8::"), u1, u2)))
	add("rr-command-noflags", rr(0, 8, 0, 0, 0, 0x12, cat(match(2, 3+4, 0, 32, 1, 2, "2001:db8::"), u2)))
	add("rr-command-setglobal", rr(0, 9, 0, 0x40, 1, 0, match(3, 3, 0, 0, 0, 128, "::")))
	add("rr-command-badcode", rr(0, 9, 0, 0x40, 1, 0, match(9, 3, 0, 0, 0, 128, "::")))
	add("rr-command-badlen", rr(0, 9, 0, 0x40, 1, 0, cat(match(1, 5, 0, 0, 0, 128, "::"), u1)))
	add("rr-command-short", rr(0, 9, 0, 0, 1, 0, match(1, 3+8, 0, 0, 0, 128, "::")[:12]))
	add("rr-command-trunc-use", rr(0, 9, 0, 0, 1, 0, cat(match(1, 3+8, 0, 0, 0, 128, "::"), u1)))
	add("rr-result", rr(1, 10, 0, 0x20, 0, 0, nil))
	add("rr-reset", rr(255, 11, 0, 0, 0, 0, nil))
	add("rr-code", rr(5, 12, 3, 0x08, 7, 0, nil))
	add("rr-short", []byte{138, 0, 0, 0, 0, 0, 0, 1})

	// RPL: DIS, DIO with options, DAO with and without a DODAG ID,
	// DAO-ACK, secured and unknown codes.
	rpl := func(code byte, body []byte) []byte { return cat([]byte{155, code, 0, 0}, body) }
	dagid := ip6b16("2001:db8:ffff::1")
	dio := func(mopprf byte, opts []byte) []byte {
		return rpl(1, cat([]byte{7, 1}, u16b(256), []byte{mopprf, 9, 0, 0}, dagid, opts))
	}
	opts := cat([]byte{0}, []byte{1, 2, 0, 0}, []byte{4, 14, 0, 8, 12, 3, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0},
		cat([]byte{8, 10, 64, 0}, u32b(0xffffffff), []byte{0x20, 0x01}), []byte{99, 1, 7})
	for _, mp := range []byte{0x00, 0x88, 0x91, 0x1a, 0x23, 0x2c, 0x3f, 0xff} {
		add("rpl-dio", dio(mp, nil))
	}
	add("rpl-dio-opts", dio(0x88, opts))
	add("rpl-dio-badopt", dio(0x88, []byte{2, 40, 1}))
	add("rpl-dio-optcut", dio(0x88, []byte{2}))
	add("rpl-dio-short", rpl(1, []byte{7, 1, 0, 1, 0x88, 9}))
	add("rpl-dis", rpl(0, []byte{0, 0}))
	target := cat([]byte{5, 18, 0, 128}, ip6b16("2001:db8::77"))
	transit := []byte{6, 4, 0, 0, 1, 0xff}
	add("rpl-dao", rpl(2, cat([]byte{7, 0x80, 0, 33}, target, transit)))
	add("rpl-dao-dagid", rpl(2, cat([]byte{7, 0xc0, 0, 34}, dagid, target)))
	add("rpl-dao-dagid-short", rpl(2, cat([]byte{7, 0x40, 0, 35}, dagid[:8])))
	add("rpl-dao-short", rpl(2, []byte{7, 0}))
	add("rpl-daoack", rpl(3, []byte{7, 0, 34, 0}))
	add("rpl-daoack-dagid", rpl(3, cat([]byte{7, 0x80, 34, 1}, dagid, []byte{1, 0})))
	add("rpl-daoack-short", rpl(3, cat([]byte{7, 0x80, 34, 1}, dagid[:4])))
	add("rpl-secure", rpl(0x81, make([]byte, 12)))
	add("rpl-unknown", rpl(0x07, make([]byte, 12)))

	n := len(fs)
	for _, f := range fs[:n] {
		for _, k := range []int{58, 62, 66, 70, 74, 78, 82, 86, 90, 94, 100, 110} {
			if k < len(f.data) {
				fs = append(fs, cut(f, k))
			}
		}
	}
	return fs
}
