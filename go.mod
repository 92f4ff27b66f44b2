module github.com/xdpdump/xdpdump

go 1.26.8

require (
	github.com/cilium/ebpf v0.22.0
	github.com/cloudflare/cbpfc v0.0.0-20260219140841-0661ad29132c
	github.com/gopacket/gopacket v1.7.7
	github.com/spf13/pflag v1.0.10
	golang.org/x/net v0.62.0
	golang.org/x/sys v0.49.0
)

require github.com/pkg/errors v0.9.1 // indirect

tool github.com/cilium/ebpf/cmd/bpf2go
