// Package progs holds BPF programs that only tests load: stand-ins for
// the XDP programs users already run, which xdpdump must stand in front
// of without changing what they do. Their bpf2go outputs are committed
// like bpf/'s (make generate; CI checks they are current).
package progs

// The stand-in for an existing XDP program and a user's chain stage
// (internal/chain's and cmd/xdpdump's tests).
//go:generate go tool bpf2go -target bpfel Chaintest chaintest.c
