package printer

// syslogCorpus returns syslog messages on UDP port 514: every facility
// and severity, priorities of one to four digits, malformed headers,
// control characters and cut messages.
func syslogCorpus() []frame {
	var fs []frame
	add := func(v6 bool, m string) { fs = append(fs, full("syslog", udpFrame(v6, 40514, 514, []byte(m)))) }
	add(false, "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8")
	add(true, "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\"] An application event")
	for f := 0; f < 25; f++ {
		add(false, "<"+itoa(f*8+f%8)+">msg")
	}
	add(false, "<0>")
	add(false, "<999>x")
	add(false, "<1023>x")
	add(false, "<>empty pri")
	add(false, "<12")
	add(false, "<1a>")
	add(false, "no pri")
	add(false, "<7>ctl\x00\x01\x7f\x80\xff\ttab\r\n")
	add(false, "<")
	add(false, "")
	n := len(fs)
	for _, i := range []int{0, 1, n - 5} {
		f := fs[i]
		for _, c := range []int{offIP4L4 + 8 + 1, offIP4L4 + 8 + 3, offIP4L4 + 8 + 4, offIP4L4 + 8 + 20, len(f.data) - 1} {
			if c < len(f.data) {
				fs = append(fs, cut(f, c))
			}
		}
	}
	return fs
}
