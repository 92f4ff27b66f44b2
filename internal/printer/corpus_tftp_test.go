package printer

// tftpCorpus returns TFTP requests, data, acknowledgements, errors and
// option acknowledgements on UDP port 69, malformed and cut variants.
func tftpCorpus() []frame {
	var fs []frame
	add := func(v6 bool, sp, dp uint16, m []byte) { fs = append(fs, full("tftp", udpFrame(v6, sp, dp, m))) }
	z := func(s ...string) []byte {
		var b []byte
		for _, x := range s {
			b = append(append(b, x...), 0)
		}
		return b
	}
	add(false, 40000, 69, cat(u16b(1), z("pxelinux.0", "octet")))
	add(true, 40000, 69, cat(u16b(2), z("up/load.bin", "netascii", "blksize", "1428", "tsize", "0")))
	add(false, 69, 40000, cat(u16b(6), z("blksize", "1428", "tsize", "5000")))
	add(false, 69, 40000, cat(u16b(3), u16b(1), make([]byte, 100)))
	add(false, 40000, 69, cat(u16b(4), u16b(65535)))
	for code := uint16(0); code < 10; code++ {
		add(false, 69, 40000, cat(u16b(5), u16b(code), z("File not found")))
	}
	add(false, 69, 40000, cat(u16b(5), u16b(1)))                              // no message
	add(false, 69, 40000, cat(u16b(5), u16b(1), []byte("no nul")))            // unterminated
	add(false, 40000, 69, cat(u16b(1), z("file"), []byte("oct")))             // unterminated mode
	add(false, 40000, 69, cat(u16b(1), z("file")))                            // no mode
	add(false, 40000, 69, cat(u16b(1), []byte("file")))                       // unterminated name
	add(false, 40000, 69, u16b(1))                                            // nothing after the opcode
	add(false, 40000, 69, cat(u16b(1), z("f", "octet", "", "x", "\x01\xff"))) // empty option, odd chars
	add(false, 40000, 69, cat(u16b(6), []byte{0, 0}, z("a")))                 // empty options first
	add(false, 40000, 69, cat(u16b(3)))                                       // no block
	add(false, 40000, 69, cat(u16b(4), []byte{7}))                            // half a block
	add(false, 40000, 69, cat(u16b(0)))                                       // bad opcode
	add(false, 40000, 69, cat(u16b(7), u16b(1)))                              // bad opcode
	add(false, 40000, 69, []byte{1})                                          // one byte
	add(false, 40000, 69, nil)                                                // empty
	base := len(fs)
	for _, i := range []int{0, 1, 2, 5} {
		f := fs[i]
		for _, c := range []int{offIP4L4 + 8 + 1, offIP4L4 + 8 + 2, offIP4L4 + 8 + 5, offIP4L4 + 8 + 14, offIP4L4 + 8 + 17} {
			if c < len(f.data) {
				fs = append(fs, cut(f, c))
			}
		}
	}
	_ = base
	return fs
}
