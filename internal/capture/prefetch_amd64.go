// prefetch_amd64.go declares prefetch, which asks the CPU for the cache
// line of p without waiting for it: unlike a load, a prefetch never holds
// up the instructions after it while the line comes (from the producing
// CPU's cache, for a record of the ring).

package capture

// prefetch fetches p's cache line into the cache, without waiting for it.
//
//go:noescape
func prefetch(p *byte)
