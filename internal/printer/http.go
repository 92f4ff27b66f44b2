// HTTP (TCP ports 80 and 8080), as tcpdump 4.99.3's print-http.c prints it.

package printer

var httpCmds = []string{"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY",
	"BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE",
	"NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST",
	"SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY",
	"MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL"}

func init() {
	registerTCP("http", func(p *Printer, d portPayload) {
		p.s(": ")
		p.proto = "http"
		p.txtProto(d.off, d.length, httpCmds)
	})
}
