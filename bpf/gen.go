// Package bpf holds xdpdump's BPF C sources and the Go bindings that bpf2go
// generates from them. The generated files are committed so that building
// xdpdump needs no clang; `make generate` remakes them (the compiler flags
// come from the Makefile, through BPF2GO_CFLAGS) and CI checks that they
// are current.
package bpf

// The XDP capture stage.
//go:generate go tool bpf2go -target bpfel -type xdpdump_rec_hdr -type xdpdump_stats -type xdpdump_ctl Capture capture.c

// The same with the dynptr way of copying, for the benchmarks only
// (internal/capture): its kfuncs make loading read the kernel's BTF.
//go:generate go tool bpf2go -target bpfel -no-global-types CaptureDynptr capture.c -- -DXDPDUMP_DYNPTR

// The TC egress capture.
//go:generate go tool bpf2go -target bpfel Egress egress.c

// The flow counters (--flows): the XDP stage and the TC egress program.
//go:generate go tool bpf2go -target bpfel -type xdpdump_flow_key -type xdpdump_flow_val Flows flows.c
//go:generate go tool bpf2go -target bpfel FlowsEgress flows_egress.c

// The bounce stage (--bounce): SYN-ACKs at XDP (internal/bounce).
//go:generate go tool bpf2go -target bpfel -type bounce_stats Bounce bounce.c

// The exit stage (--capture-at exit|both): the slots of an xdpcap hook (internal/xdpcap).
//go:generate go tool bpf2go -target bpfel Exit exit.c
