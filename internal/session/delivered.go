// delivered.go makes the written counts (the exit line's "captured", the
// statistics blocks' isb_usrdeliv) count only the packets that reached
// the output: a sink that keeps such books (pcapout.Writer, rotated
// files) is asked, so packets lost in its buffer to a full disk are not
// counted as captured.
package session

// deliverer is a Sink that knows which packets reached its output.
type deliverer interface {
	// Delivered is the number of packets of the sink's interface i that
	// reached the output whole.
	Delivered(i int) uint64
}

// settleWritten sets every interface's written count to what sink
// delivered, when it can tell.
func (s *Session) settleWritten(sink Sink) {
	d, ok := sink.(deliverer)
	if !ok {
		return
	}
	for _, ifc := range s.ifaces() {
		n := d.Delivered(ifc.sinkIdx)
		if s.exit != nil {
			// Exit copies have an interface block of their own.
			if idx, ok := s.exit.sinkIdx[uint32(ifc.Index)]; ok {
				e := d.Delivered(idx)
				n += e
				s.exit.mu.Lock()
				s.exit.written[uint32(ifc.Index)] = e
				s.exit.mu.Unlock()
			}
		}
		ifc.mu.Lock()
		ifc.written = n
		ifc.mu.Unlock()
	}
}
