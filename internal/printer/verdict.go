// Exit lines: a packet captured as the XDP program left it (--capture-at
// exit|both) names the program's verdict, as xdp-tools' xdpdump prints
// it ("@exit[DROP]"), when -v or -e asks for detail.

package printer

import "time"

// VerdictName is an XDP action as xdp-tools' xdpdump prints it:
// [ABORTED], [DROP], [PASS], [TX], [REDIRECT], [*unknown*].
func VerdictName(action uint64) string {
	switch action {
	case 0:
		return "[ABORTED]"
	case 1:
		return "[DROP]"
	case 2:
		return "[PASS]"
	case 3:
		return "[TX]"
	case 4:
		return "[REDIRECT]"
	}
	return "[*unknown*]"
}

// PrintExit prints a packet captured at the exit of the XDP program with
// its action: with -v or -e the line names it after the time stamp
// ("@exit[PASS] "); otherwise the line is Print's.
func (p *Printer) PrintExit(ts time.Time, data []byte, origLen int, action uint64) error {
	if p.o.Verbose > 0 || p.o.Link {
		p.point = "@exit" + VerdictName(action) + " "
		defer func() { p.point = "" }()
	}
	return p.Print(ts, data, origLen)
}

// pointTag appends where the packet was taken, for PrintExit.
func (p *Printer) pointTag() {
	if p.point != "" {
		p.s(p.point)
	}
}
