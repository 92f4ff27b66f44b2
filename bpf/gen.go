// Package bpf holds xdpdump's BPF C sources and the Go bindings that bpf2go
// generates from them. The generated files are committed so that building
// xdpdump needs no clang; `make generate` remakes them (the compiler flags
// come from the Makefile, through BPF2GO_CFLAGS) and CI checks that they
// are current.
package bpf

// The XDP capture stage.
//go:generate go tool bpf2go -target bpfel -type xdpdump_rec_hdr -type xdpdump_stats Capture capture.c

// The TC egress capture and flow counter.
//go:generate go tool bpf2go -target bpfel -type xdpdump_flow_key -type xdpdump_flow_val -type xdpdump_stats Egress egress.c

// The XDP flow stage (--flows).
//go:generate go tool bpf2go -target bpfel -type xdpdump_flow_key -type xdpdump_flow_val -type xdpdump_stats Flows flows.c

// The bounce stage (--bounce): SYN-ACKs at XDP (internal/bounce).
//go:generate go tool bpf2go -target bpfel -type bounce_stats Bounce bounce.c
