package printer

// ripngCorpus returns RIPng messages on UDP port 521: requests, the
// whole-table request, responses with tags and metrics, bad versions and
// commands, odd lengths and cut messages.
func ripngCorpus() []frame {
	var fs []frame
	add := func(m []byte) { fs = append(fs, full("ripng", udpFrame(true, 521, 521, m))) }
	rte := func(a string, tag uint16, plen, metric byte) []byte {
		return cat(ip6b16(a), u16b(tag), []byte{plen, metric})
	}
	add(cat([]byte{1, 1, 0, 0}, rte("::", 0, 0, 16)))
	add(cat([]byte{1, 1, 0, 0}, rte("::", 0, 0, 15)))
	add(cat([]byte{1, 1, 0, 0}, rte("2001:db8::", 7, 32, 16), rte("2001:db8:1::", 0, 48, 1)))
	add(cat([]byte{2, 1, 0, 0}, rte("2001:db8::", 0, 32, 1), rte("2001:db8:1::", 99, 48, 0), rte("fe80::", 0, 10, 16), rte("::", 0, 0, 255)))
	add(cat([]byte{2, 1, 0, 0}, rte("2001:db8::", 0, 32, 1), []byte{1, 2, 3}))
	add(cat([]byte{1, 1, 0, 0}, []byte{1, 2, 3}))
	add([]byte{2, 1, 0, 0})
	add([]byte{2, 1, 0})
	add(cat([]byte{3, 1, 0, 0}, rte("::", 0, 0, 16)))
	add(cat([]byte{2, 2, 0, 0}, rte("::", 0, 0, 16)))
	add([]byte{2})
	add(nil)
	for _, i := range []int{2, 3} {
		f := fs[i]
		for _, c := range []int{1, 4, 10, 20, 23, 24, 40} {
			if offIP6L4+8+c < len(f.data) {
				fs = append(fs, cut(f, offIP6L4+8+c))
			}
		}
	}
	return fs
}
