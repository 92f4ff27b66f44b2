// Package cli holds what xdpdump's command line takes over from tcpdump
// 4.99.3 beyond the flags themselves (cmd/xdpdump defines those): the
// values of the flag groups and their checks, with tcpdump's words
// (-s/-c/-B parsed as tcpdump's C code parses them, the output-file
// flags, --bounce, --flows, --capture-at, the down interface); the options
// it refuses and why they cannot apply at XDP, the ones it accepts without
// effect (as tcpdump does where they do not apply), the answers of -L,
// -J, -j and -y, -D's list and the grouped --help; the expression (-F,
// -d) and its check against every hook; what a capture says at start, on
// SIGUSR1 and at exit; and `xdpdump chain` and --recover.
package cli

import (
	"fmt"
	"strings"

	"github.com/xdpdump/xdpdump/filter"
)

// Option is a tcpdump option xdpdump does not act on.
type Option struct {
	Short, Long string // Long is tcpdump's, or xdpdump's where tcpdump has none
	Arg         bool   // takes an argument
	Why         string // refused: the reason; ignored: what tcpdump does with it
}

// Refused are tcpdump's options that cannot apply to an XDP capture.
var Refused = []Option{
	{"I", "monitor-mode", false, "monitor mode (802.11 frames with radio headers) is set below the driver; XDP sees the frames the driver hands over, as Ethernet"},
	{"E", "esp-secret", true, "xdpdump does not decrypt IPsec ESP: its printer has no ESP decryption"},
	{"M", "tcp-md5-secret", true, "xdpdump does not check TCP-MD5 signatures: its printer has no TCP-MD5 verification"},
	{"", "fp-type", false, "tcpdump's check of its own floating-point arithmetic; xdpdump prints no floating-point numbers"},
}

// Ignored are tcpdump options xdpdump accepts without effect, as tcpdump
// does when they do not apply.
var Ignored = []Option{
	{"a", "a", false, "tcpdump's old -a: ignored by tcpdump too"},
	{"H", "mesh-headers", false, "802.11s mesh headers: XDP frames are Ethernet, which has none"},
}

// Lookup finds the option called name (long name) in opts.
func Lookup(opts []Option, name string) (Option, bool) {
	for _, o := range opts {
		if o.Long == name {
			return o, true
		}
	}
	return Option{}, false
}

// Spelling is how the option is written: -X, --long, or -X (--long).
func (o Option) Spelling() string {
	switch {
	case o.Short == "":
		return "--" + o.Long
	case o.Long == o.Short:
		return "-" + o.Short
	}
	return fmt.Sprintf("-%s (--%s)", o.Short, o.Long)
}

// Refusal is the one line that refuses o.
func (o Option) Refusal() string { return o.Spelling() + ": " + o.Why }

// tstampTypes are libpcap's time stamp type names (pcap-tstamp(7)).
var tstampTypes = []string{"host", "host_lowprec", "host_hiprec", "adapter", "adapter_unsynced", "host_hiprec_unsynced"}

// TimeStampType checks -j as tcpdump does (an unknown name is an error in
// tcpdump's words) and refuses the types an XDP capture cannot have: its
// time stamps are the host's clock at the hook.
func TimeStampType(name string) error {
	for _, t := range tstampTypes {
		if strings.EqualFold(t, name) {
			if t == "host" {
				return nil
			}
			return fmt.Errorf("-j %s: XDP packets are time-stamped with the host's clock at the hook: the only time stamp type is host", name)
		}
	}
	return fmt.Errorf("invalid time stamp type %s", name)
}

// TimeStampTypes is what -J prints for interface ifname.
func TimeStampTypes(ifname string) string {
	return fmt.Sprintf("Time stamp types for %s (use option -j to set):\n  host (Host)\n", ifname)
}

// LinkType checks -y as tcpdump does and returns the DLT; live says that
// packets are captured (not -d): XDP hands over Ethernet frames only.
func LinkType(name string, live bool) (int, error) {
	dlt, ok := filter.DLTByName(name)
	if !ok {
		return 0, fmt.Errorf("invalid data link type %s", name)
	}
	if live && dlt != filter.DLTEN10MB {
		return 0, fmt.Errorf("-y %s: XDP hands over Ethernet frames: the only data link type is EN10MB", name)
	}
	return dlt, nil
}

// LinkTypes is what -L prints for interface ifname.
func LinkTypes(ifname string) string {
	return fmt.Sprintf("Data link types for %s (use option -y to set):\n  EN10MB (Ethernet)\n", ifname)
}
