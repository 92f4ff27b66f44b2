// Package bpf holds xdpdump's BPF C sources and the Go bindings that bpf2go
// generates from them. The generated files are committed so that building
// xdpdump needs no clang; `make generate` remakes them and CI checks that
// they are current.
package bpf

//go:generate go tool bpf2go -cc clang -cflags "-O2 -g -Wall -Werror -mcpu=v3 -I/usr/include/x86_64-linux-gnu" -target bpfel -type xdpdump_rec_hdr -type xdpdump_stats Capture capture.c
