// Package stage loads xdpdump's BPF stages: the variant that fits the
// chain they join (frags flag, expected attach type), the tcpdump filter
// spliced in, read-only variables, the maps they share with the other
// stages of a capture (ring, chain, wakeup flag), scratch sizing and one
// counter type for all of them.
package stage
