// RTSP (TCP ports 554 and 8554), as tcpdump 4.99.3's print-rtsp.c prints it.

package printer

var rtspCmds = []string{"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY",
	"RECORD", "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN"}

func init() {
	registerTCP("rtsp", func(p *Printer, d portPayload) {
		p.s(": ")
		p.proto = "rtsp"
		p.txtProto(d.off, d.length, rtspCmds)
	})
}
