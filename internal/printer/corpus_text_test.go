package printer

import (
	"strings"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
)

// tcpSeg builds one PSH/ACK segment from a to b (or b to a) carrying payload.
func tcpSeg(v6, fromA bool, sport, dport uint16, seq uint32, payload []byte) frame {
	src, dst := macA, macB
	s4, d4, s6, d6 := ip4A, ip4B, ip6A, ip6B
	if !fromA {
		src, dst = macB, macA
		s4, d4, s6, d6 = ip4B, ip4A, ip6B, ip6A
	}
	t := &layers.TCP{SrcPort: layers.TCPPort(sport), DstPort: layers.TCPPort(dport), PSH: true, ACK: true,
		Seq: seq, Ack: 1000, Window: 502}
	var b []byte
	if v6 {
		b = serialize(eth(src, dst, layers.EthernetTypeIPv6), ip6(s6, d6, layers.IPProtocolTCP, 64), t, gopacket.Payload(payload))
	} else {
		b = serialize(eth(src, dst, layers.EthernetTypeIPv4), ip4(s4, d4, layers.IPProtocolTCP, 80), t, gopacket.Payload(payload))
	}
	return full("tcp-app", pad(b))
}

// textCorpus returns TCP segments for the text protocols tcpdump decodes
// (HTTP, RTSP, FTP, SMTP, whois), SSH banners and DNS over TCP.
func textCorpus() []frame {
	var fs []frame
	fs = append(fs, tcpConv(false, 40100, 80, 100, 200)...)
	fs = append(fs, tcpConv(true, 8080, 40101, 300, 400)...)
	seq := uint32(5000)
	seg := func(v6, fromA bool, sport, dport uint16, payload string) {
		seq += 7919
		fs = append(fs, tcpSeg(v6, fromA, sport, dport, seq, []byte(payload)))
	}
	http := []string{
		"GET / HTTP/1.1\r\nHost: example.com\r\nUser-Agent: curl/8.0\r\nAccept: */*\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello",
		"HTTP/1.0 404 Not Found\r\n\r\n",
		"post /form HTTP/1.1\r\nContent-Length: 3\r\n\r\na=b",
		"PROPFIND /dav HTTP/1.1\n\n",
		"GET /no-eol HTTP/1.1",
		"GET /x HTTP/1.1\r",
		"GET /x\rHTTP/1.1\r\n",
		"GET\t/tab HTTP/1.1\r\n",
		"GET  /two-spaces HTTP/1.1\r\n",
		"FOO /x HTTP/1.1\r\n",
		"XYZ 123 hi\r\n",
		"XYZ 1234 hi\r\n",
		"<html><body>continuation</body></html>\r\n",
		"GET /\xe9 HTTP/1.1\r\n",
		"GET /" + strings.Repeat("a", 130) + " HTTP/1.1\r\n",
		strings.Repeat("B", 130) + " 200 OK\r\n",
		"GET / HTTP/1.1\r\nHost: x\r\n\x00binary\r\nmore\r\n",
		"GET / HTTP/1.1\r\nHost: x\ttab\r\nNo-End",
		"HTTP/1.1 301\r\n",
		"G",
		"\r\n",
		" GET / HTTP/1.1\r\n",
	}
	for i, h := range http {
		seg(i%4 == 3, i%2 == 0, 40200+uint16(i), 80, h)
	}
	seg(false, false, 8080, 40300, "HTTP/1.1 500 Internal Server Error\r\n\r\n")
	seg(true, true, 40301, 8080, "DELETE /item/7 HTTP/1.1\r\n\r\n")
	seg(false, true, 40302, 554, "DESCRIBE rtsp://example.com/media.mp4 RTSP/1.0\r\nCSeq: 2\r\n\r\n")
	seg(false, false, 554, 40302, "RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n")
	seg(true, true, 40303, 8554, "GET / HTTP/1.1\r\n\r\n")
	seg(false, false, 21, 40304, "220 ProFTPD Server ready.\r\n")
	seg(false, true, 40304, 21, "USER anonymous\r\n")
	seg(false, true, 40304, 21, "\x01\x02binary\r\n")
	seg(true, false, 25, 40305, "250-mail.example.com Hello\r\n250 OK\r\n")
	seg(false, true, 40305, 25, "EHLO client.example.com\r\n")
	seg(false, true, 40306, 43, "example.com\r\n")
	seg(false, false, 22, 40307, "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n")
	seg(true, true, 40307, 22, "SSH-2.0-x\n")
	seg(false, true, 40307, 22, "SSH-1.99-no-eol")
	seg(false, true, 40307, 22, "SSH-2.0-cr\rx")
	seg(false, false, 22, 40307, "\x00\x00\x01\x0c\x0a\x14binary ssh packet")
	seg(false, false, 22, 40307, "SS")
	// Ports picked in tcpdump's order: smtp before http, ssh before ftp.
	seg(false, true, 25, 80, "GET / HTTP/1.1\r\n\r\n")
	seg(false, true, 22, 21, "SSH-2.0-order\r\n")
	seg(false, true, 80, 53, "GET / HTTP/1.1\r\n\r\n")

	// DNS over TCP: a whole message with its length prefix, a wrong
	// prefix, a lone byte, two messages in one segment.
	msgs := dnsMessages()
	withPrefix := func(m []byte) string { return string(append(u16b(uint16(len(m))), m...)) }
	seg(false, true, 40400, 53, withPrefix(msgs[0]))
	seg(true, false, 53, 40400, withPrefix(msgs[15]))
	seg(false, false, 53, 40401, withPrefix(msgs[16]))
	seg(false, true, 40402, 53, string(u16b(3))+string(msgs[0]))
	seg(false, true, 40403, 53, "\x00")
	seg(false, true, 40404, 53, withPrefix(msgs[0])+withPrefix(msgs[1]))
	seg(false, true, 40405, 53, withPrefix(msgs[len(msgs)-1]))

	// Cut captures of text segments.
	n := len(fs)
	for _, f := range []frame{fs[n-60], fs[n-59], fs[n-24], fs[n-7]} {
		for _, c := range []int{54, 56, 60, 70, 90} {
			if c < len(f.data) {
				fs = append(fs, cut(f, c))
			}
		}
	}
	return fs
}
