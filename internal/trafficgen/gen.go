package trafficgen

// The generator's BPF programs (run with BPF_PROG_TEST_RUN in live-frames
// mode): UDP frames and SYN floods.
//go:generate go tool bpf2go -target bpfel trafficgen trafficgen.c
//go:generate go tool bpf2go -target bpfel synflood synflood.c
