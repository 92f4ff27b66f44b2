package filter

// #include <pcap/pcap.h>
import "C"

// LibpcapVersion is libpcap's own version string, as tcpdump --version
// prints it.
func LibpcapVersion() string { return C.GoString(C.pcap_lib_version()) }
