// SSH (TCP port 22), as tcpdump 4.99.3's print-ssh.c prints it: the
// identification line.

package printer

func init() {
	registerTCP("ssh", func(p *Printer, d portPayload) {
		p.proto = "ssh"
		p.sshVersion(d.off, d.length)
	})
}

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
