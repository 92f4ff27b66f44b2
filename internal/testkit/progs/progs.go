// Package progs holds BPF programs that only tests load: stand-ins for
// the XDP programs users already run, which xdpdump must stand in front
// of without changing what they do. Their bpf2go outputs are committed
// like bpf/'s (make generate; CI checks they are current).
package progs

// The stand-in for an existing XDP program and a user's chain stage
// (internal/chain's and cmd/xdpdump's tests).
//go:generate go tool bpf2go -target bpfel Chaintest chaintest.c

// The loader matrix (cmd/xdpdump/loaders_e2e_test.go): the firewall of
// fw.h in SEC("xdp"), SEC("prog") and SEC("xdp.frags"), with its own prog
// array, and through BPF-to-BPF calls; programs that answer with XDP_TX
// and through a devmap; XDP metadata read later by TC.
//go:generate go tool bpf2go -target bpfel Fw fw.c
//go:generate go tool bpf2go -target bpfel Fwprog fwprog.c
//go:generate go tool bpf2go -target bpfel Fwfrags fwfrags.c
//go:generate go tool bpf2go -target bpfel Tailcall tailcall.c
//go:generate go tool bpf2go -target bpfel Subprog subprog.c
//go:generate go tool bpf2go -target bpfel Reply reply.c
//go:generate go tool bpf2go -target bpfel Meta meta.c

// A program instrumented for cloudflare's xdpcap (the exit point's tests):
// drops UDP/9999, rewrites UDP/7777 to 7778, passes the rest, and returns
// through its hook.
//go:generate go tool bpf2go -target bpfel Xdpcapfw xdpcapfw.c
