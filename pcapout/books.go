// books.go keeps the books of what reached the underlying writer: the
// end of the last whole block there (a file cut by a full disk is
// truncated back to it) and, per interface, the packets whose blocks
// arrived whole (the only packets a summary may count as captured).
package pcapout

import "io"

// books sits between the Writer's buffer and the io.Writer: it counts
// the bytes the io.Writer accepted, and matches them against the ends of
// the blocks appended to the buffer.
type books struct {
	w         io.Writer
	written   int64 // bytes the io.Writer accepted
	appended  int64 // bytes of whole blocks given to the buffer
	committed int64 // end of the last whole block the io.Writer accepted
	readable  int64 // end of the headers readers need (pcap header, or first IDB); 0: not yet appended
	delivered []uint64
	pending   []pendingBlock // appended, not yet (all) written; from head on
	head      int
}

type pendingBlock struct {
	end   int64
	iface int // -1: not a packet
}

func (b *books) Write(p []byte) (int, error) {
	n, err := b.w.Write(p)
	if n > 0 {
		b.written += int64(n)
		b.settle()
	}
	return n, err
}

// block records that a block of size bytes (a packet of interface iface,
// or -1) was appended to the buffer.
func (b *books) block(size int64, iface int) {
	b.appended += size
	if iface >= 0 {
		for len(b.delivered) <= iface {
			b.delivered = append(b.delivered, 0)
		}
	}
	if b.head > 0 && b.head == len(b.pending) {
		b.pending, b.head = b.pending[:0], 0
	} else if b.head > 1024 && b.head > len(b.pending)/2 {
		n := copy(b.pending, b.pending[b.head:])
		b.pending, b.head = b.pending[:n], 0
	}
	b.pending = append(b.pending, pendingBlock{end: b.appended, iface: iface})
	b.settle()
}

func (b *books) settle() {
	for b.head < len(b.pending) && b.pending[b.head].end <= b.written {
		pb := b.pending[b.head]
		b.committed = pb.end
		if pb.iface >= 0 {
			b.delivered[pb.iface]++
		}
		b.head++
	}
}

// headers marks the end of what was appended so far as the headers a
// reader needs before anything else (the pcap file header, or the section
// header and the first interface block of pcapng).
func (b *books) headers() {
	if b.readable == 0 {
		b.readable = b.appended
	}
}

// Committed is the length of the output up to the end of the last block
// that reached the io.Writer whole; 0 when the headers readers need did
// not (libpcap refuses a pcapng file without an interface block). After a
// failed write (a full disk), a file truncated to it ends with a whole
// block and readers take it without a warning; one truncated to 0 is
// better removed.
func (w *Writer) Committed() int64 {
	if w.books.readable == 0 || w.books.committed < w.books.readable {
		return 0
	}
	return w.books.committed
}

// Delivered is the number of packets of interface iface (AddInterface's
// index) whose blocks reached the io.Writer whole. Packets still in the
// buffer are not counted until a Flush (or Close) writes them.
func (w *Writer) Delivered(iface int) uint64 {
	if iface < 0 || iface >= len(w.books.delivered) {
		return 0
	}
	return w.books.delivered[iface]
}
