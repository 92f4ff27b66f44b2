package printer

// bfdCtl builds a BFD control packet header.
func bfdCtl(ver, diag, flags, mult byte, my, your, tx, rx, echo uint32, auth []byte) []byte {
	b := cat([]byte{ver<<5 | diag, flags, mult, byte(24 + len(auth))}, u32b(my), u32b(your), u32b(tx), u32b(rx), u32b(echo))
	return cat(b, auth)
}

// bfdCorpus returns BFD control packets (versions 0, 1 and others, every
// state, flag and diagnostic, each authentication type), echo packets and
// truncated ones on the BFD ports.
func bfdCorpus() []frame {
	var fs []frame
	add := func(v6 bool, sp, dp uint16, m []byte) { fs = append(fs, full("bfd", udpFrame(v6, sp, dp, m))) }
	add(false, 49153, 3784, bfdCtl(1, 0, 0xc0, 3, 1, 2, 300000, 300000, 50000, nil))
	add(true, 49153, 4784, bfdCtl(1, 3, 0x40|0x20, 5, 0xdeadbeef, 0, 1000000, 1000000, 0, nil))
	add(false, 49153, 6784, bfdCtl(1, 7, 0x80|0x10|0x08|0x02|0x01, 255, 7, 8, 0xffffffff, 10000000, 1000, nil))
	for d := byte(0); d < 32; d += 3 {
		add(false, 49153, 3784, bfdCtl(1, d, d<<1, d, uint32(d), 9, 100000*uint32(d), 1, 2, nil))
	}
	for fl := 0; fl < 256; fl += 17 {
		add(false, 49153, 3784, bfdCtl(0, byte(fl&0x1f), byte(fl)&^4, 3, 1, 2, 50000, 60000, 70000, nil))
	}
	add(false, 49153, 3784, bfdCtl(0, 1, 0xff, 3, 1, 2, 50000, 60000, 70000, cat([]byte{1, 7, 9}, []byte("secret"))))
	pw := func(s string) []byte { return cat([]byte{1, byte(3 + len(s)), 5}, []byte(s)) }
	md5 := cat([]byte{2, 24, 1, 0}, u32b(0x01020304), []byte("0123456789abcdef"))
	sha := cat([]byte{4, 28, 2, 0}, u32b(0xfffffffe), []byte("0123456789abcdefghij"))
	for _, a := range [][]byte{pw("p"), pw("password"), pw("0123456789abcdef"), pw("0123456789abcdefg"), []byte{1, 3, 1, 0},
		md5, cat([]byte{3}, md5[1:]), cat([]byte{2, 20}, md5[2:]), sha, cat([]byte{5}, sha[1:]), cat([]byte{4, 24}, sha[2:]),
		[]byte{6, 4, 1, 0}, []byte{0, 4, 0, 0}, []byte{1, 10, 3}} {
		add(false, 49153, 3784, bfdCtl(1, 0, 0xc4, 3, 1, 2, 300000, 300000, 50000, a))
	}
	add(false, 49153, 3784, bfdCtl(2, 0, 0xc0, 3, 1, 2, 300000, 300000, 50000, nil))
	add(false, 49153, 3784, bfdCtl(7, 0, 0xc0, 3, 1, 2, 300000, 300000, 50000, nil))
	add(false, 49153, 3785, []byte("echo payload 0123456789"))
	add(true, 3785, 3785, []byte{1, 2, 3})
	add(false, 49152, 3784, bfdCtl(1, 0, 0xc0, 3, 1, 2, 300000, 300000, 50000, nil)) // bcm-li wins
	add(false, 3784, 49153, bfdCtl(1, 0, 0xc0, 3, 1, 2, 300000, 300000, 50000, nil)) // source port only
	add(false, 49153, 3784, []byte{0x20, 0xc0, 3})
	add(false, 49153, 3784, nil)
	n := len(fs)
	for _, i := range []int{0, n - 17, n - 15, n - 14} {
		f := fs[i]
		for _, c := range []int{1, 4, 10, 23, 24, 26, 27, 30, 35, 40} {
			if offIP4L4+8+c < len(f.data) {
				fs = append(fs, cut(f, offIP4L4+8+c))
			}
		}
	}
	return fs
}
