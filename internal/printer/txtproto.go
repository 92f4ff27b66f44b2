// Text protocols over TCP, as tcpdump 4.99.3's util-print.c prints them
// (txtproto_print, fetch_token, print_txt_line): the first line of the
// payload, every line with -v.

package printer

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
