package printer

// ntpCorpus returns NTP client/server/control messages over UDP port 123.
func ntpCorpus() []frame {
	ts := func(sec, frac uint32) []byte { return cat(u32b(sec), u32b(frac)) }
	now := uint32(3913056000) // 2024-01-01
	client := cat([]byte{0xe3, 0, 6, 0xe9}, make([]byte, 12), make([]byte, 24), ts(now+5, 0x80000000))
	server := cat([]byte{0x24, 2, 6, 0xe8}, u16b(0), u16b(0x1234), u16b(0), u16b(0x0a0b), []byte{192, 0, 2, 1},
		ts(now-100, 0x12345678), ts(now+5, 0x80000000), ts(now+6, 0x00001000), ts(now+6, 0x00002000))
	prim := cat([]byte{0x1c, 1, 0xfa, 0xec}, make([]byte, 8), []byte("GPS\x00"), ts(now, 1), ts(now, 0xffffffff), ts(now-1, 5), ts(now, 3))
	var fs []frame
	add := func(sp, dp uint16, m []byte) { fs = append(fs, full("ntp", udpFrame(len(fs)%2 == 1, sp, dp, m))) }
	add(40500, 123, client)
	add(123, 40500, server)
	add(123, 123, prim)
	add(123, 40501, cat(server[:1], []byte{62}, server[2:]))                                     // INFO_QUERY
	add(123, 40501, cat([]byte{0xdc, 16, 40, 0x80}, server[4:]))                                 // alarm, reserved stratum, big poll
	add(40502, 123, cat(client, u32b(7)))                                                        // key id
	add(40502, 123, cat(client, u32b(7), make([]byte, 16)))                                      // key id + MD5
	add(40502, 123, cat(client, u32b(7), []byte("0123456789abcdefghij")))                        // key id + SHA1
	add(40502, 123, cat(client, make([]byte, 10)))                                               // extra bytes
	add(40503, 123, client[:20])                                                                 // short
	add(40504, 123, cat([]byte{0x16, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0}))                       // control request
	add(123, 40504, cat([]byte{0x16, 0x82, 0, 1, 0x06, 0x15, 0, 0, 0, 0, 0, 4}, []byte("ab=1"))) // control response
	add(123, 40504, cat([]byte{0x16, 0xe2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 40}, []byte("short")))     // count too big
	add(40505, 123, []byte{0x27})                                                                // reserved mode
	add(40506, 123, []byte{0x0e, 0x02, 0, 1})                                                    // short control
	add(53, 123, client)                                                                         // DNS wins
	add(67, 123, client)                                                                         // bootp wins
	n := len(fs)
	for _, f := range fs[:2] {
		for _, c := range []int{43, 50, 60, 70, 80, 95} {
			if c < len(f.data) {
				fs = append(fs, cut(f, c))
			}
		}
	}
	_ = n
	// A control message cut inside the sequence number.
	fs = append(fs, cut(fs[10], 14+20+8+3))
	return fs
}
