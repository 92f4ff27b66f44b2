// prefetch_other.go: prefetch does nothing where there is no assembly
// for it.

//go:build !amd64

package capture

func prefetch(*byte) {}
