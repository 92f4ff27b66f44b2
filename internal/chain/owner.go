// The owner of a bpf_link-owned original: who else holds the link.
package chain

func (w *ownerWatch) check(logf func(string)) {}

type ownerWatch struct{}
