package printer

// Text protocols over TCP (HTTP, RTSP, FTP, SMTP, whois) as tcpdump
// 4.99.3's txtproto_print prints them, and the SSH version line.

var httpCmds = []string{"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY",
	"BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE",
	"NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST",
	"SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY",
	"MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL"}

var rtspCmds = []string{"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY",
	"RECORD", "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"}

// TCP application printers.
const (
	tcpGeneric = iota // nothing after ", length N"
	tcpSMTP
	tcpWhois
	tcpSSH
	tcpFTP
	tcpHTTP
	tcpRTSP
	tcpDNS
	tcpOther // a tcpdump printer this package does not reproduce
)

// tcpApp is the payload printer tcpdump 4.99.3's tcp_print picks for a
// segment between these ports, following its order of tests. The SMB
// ports (139, 445) count as decoded: whether tcpdump decodes them
// depends on how it was built.
func tcpApp(sport, dport uint16) int {
	either := func(port uint16) bool { return sport == port || dport == port }
	switch {
	case either(23):
		return tcpOther // telnet
	case either(25):
		return tcpSMTP
	case either(43):
		return tcpWhois
	case either(179), either(1723), either(6379):
		return tcpOther // bgp, pptp, redis
	case either(22):
		return tcpSSH
	case either(139), either(445), either(10288), either(6633), either(6653):
		return tcpOther // netbios, smb, beep, openflow
	case either(21):
		return tcpFTP
	case either(80), either(8080):
		return tcpHTTP
	case either(554), either(8554):
		return tcpRTSP
	case either(53):
		return tcpDNS
	case either(639), either(323), either(646), either(2049):
		return tcpOther // msdp, rpki-rtr, ldp, nfs
	}
	return tcpGeneric
}

// TCPPortsDecoded reports whether tcpdump prints something this package
// does not reproduce for the payload of a TCP segment between these ports.
func TCPPortsDecoded(sport, dport uint16) bool { return tcpApp(sport, dport) == tcpOther }

// tcpPayload prints the payload of length bytes at data as tcpdump does
// after ", length N".
func (p *Printer) tcpPayload(data, length int, sport, dport uint16) {
	switch tcpApp(sport, dport) {
	case tcpSMTP:
		p.s(": ")
		p.proto = "smtp"
		p.txtProto(data, length, nil)
	case tcpWhois:
		p.s(": ")
		p.proto = "whois"
		p.txtProto(data, length, nil)
	case tcpSSH:
		p.proto = "ssh"
		p.sshVersion(data, length)
	case tcpFTP:
		p.s(": ")
		p.proto = "ftp"
		p.txtProto(data, length, nil)
	case tcpHTTP:
		p.s(": ")
		p.proto = "http"
		p.txtProto(data, length, httpCmds)
	case tcpRTSP:
		p.s(": ")
		p.proto = "rtsp"
		p.txtProto(data, length, rtspCmds)
	case tcpDNS:
		p.domainPrint(data, length, true, false)
	}
}

func isPrint(c byte) bool { return c >= 0x20 && c <= 0x7e }

// fetchToken is tcpdump's fetch_token: the token at idx (start, length)
// and the index past the white space after it, or 0.
func (p *Printer) fetchToken(pptr, idx, length int) (next, start, n int) {
	start = idx
	for ; idx < length; idx++ {
		if !p.ttest(pptr+idx, 1) {
			return 0, 0, 0
		}
		c := p.pkt[pptr+idx]
		if c&0x80 != 0 {
			return 0, 0, 0
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			break
		}
		if !isPrint(c) {
			return 0, 0, 0
		}
		if n+2 > 129 {
			return 0, 0, 0
		}
		n++
	}
	if n == 0 {
		return 0, 0, 0
	}
	for ; idx < length; idx++ {
		if !p.ttest(pptr+idx, 1) {
			break
		}
		c := p.pkt[pptr+idx]
		if c == '\r' || c == '\n' || !isPrint(c) || (c != ' ' && c != '\t') {
			break
		}
	}
	return idx, start, n
}

// equalFold compares packet bytes with an upper-case ASCII command.
func equalFold(b []byte, cmd string) bool {
	if len(b) != len(cmd) {
		return false
	}
	for i := range b {
		c := b[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != cmd[i] {
			return false
		}
	}
	return true
}

// txtLine is tcpdump's print_txt_line: the line at idx after prefix, and
// the index after its end of line, or 0.
func (p *Printer) txtLine(prefix string, pptr, idx, length int) int {
	start := idx
	var lineLen int
	for idx < length {
		c := p.u8(pptr + idx)
		if c == '\n' {
			lineLen = idx - start
			idx++
			goto print
		} else if c == '\r' {
			if idx+1 >= length {
				return 0
			}
			if p.u8(pptr+idx+1) == '\n' {
				lineLen = idx - start
				idx += 2
				goto print
			}
			return 0
		} else if !isPrint(c) && c != '\t' {
			return 0
		}
		idx++
	}
	p.s(prefix)
	p.buf = append(p.buf, p.pkt[pptr+start:pptr+idx]...)
	p.trunc()
	return 0
print:
	p.s(prefix)
	p.buf = append(p.buf, p.pkt[pptr+start:pptr+start+lineLen]...)
	return idx
}

// txtProto is tcpdump's txtproto_print; cmds != nil means an HTTP-like
// protocol whose response code is the second token.
func (p *Printer) txtProto(pptr, length int, cmds []string) {
	printThis := cmds == nil
	if cmds != nil {
		idx, start, n := p.fetchToken(pptr, 0, length)
		if idx != 0 {
			tok := p.pkt[pptr+start : pptr+start+n]
			for _, cmd := range cmds {
				if equalFold(tok, cmd) {
					printThis = true
					break
				}
			}
			idx, start, n = p.fetchToken(pptr, idx, length)
			if idx != 0 {
				tok = p.pkt[pptr+start : pptr+start+n]
				if n == 3 && isDigit(tok[0]) && isDigit(tok[1]) && isDigit(tok[2]) {
					printThis = true
				}
			}
		}
	}
	for i := 0; i < len(p.proto); i++ {
		c := p.proto[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		p.c(c)
	}
	if !printThis {
		return
	}
	if p.o.Verbose > 0 {
		p.s(", length: ")
		p.u(uint64(length))
		for idx := 0; idx < length; {
			eol := p.txtLine("\n\t", pptr, idx, length)
			if eol == 0 {
				break
			}
			idx = eol
		}
		return
	}
	p.txtLine(": ", pptr, 0, length)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// sshVersion is tcpdump's ssh_print: the "SSH-..." identification line.
func (p *Printer) sshVersion(pptr, length int) {
	for i, c := range [4]byte{'S', 'S', 'H', '-'} {
		if p.u8(pptr+i) != c {
			return
		}
	}
	idx := 4
	for idx < length {
		c := p.u8(pptr + idx)
		if c == '\n' {
			break
		} else if c == '\r' {
			if idx+1 >= length || p.u8(pptr+idx+1) != '\n' {
				return
			}
			break
		} else if !isPrint(c) {
			return
		}
		idx++
	}
	if idx >= length {
		return
	}
	p.s(": SSH: ")
	p.buf = append(p.buf, p.pkt[pptr:pptr+idx]...)
}
