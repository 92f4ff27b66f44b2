// books.go is the Writer's buffer and the books of what of it reached the
// underlying writer: the end of the last whole block there (a file cut by
// a full disk is truncated back to it) and, per interface, the packets
// whose blocks arrived whole (the only packets a summary may count as
// captured).
//
// The buffer only ever holds whole blocks, and it goes out in one Write
// from its start: while those writes succeed, every block in it arrived,
// and the books need no more than a count per interface of the packets in
// the buffer. Only a write that takes part of the buffer (a full disk)
// walks the blocks of the part taken, by the lengths written in them; the
// Writer's errors are sticky, so nothing is written after that.
package pcapout

import (
	"encoding/binary"
	"io"
)

// books counts what the io.Writer accepted.
type books struct {
	w         io.Writer
	written   int64 // bytes the io.Writer accepted: buf[0]'s offset in the output
	committed int64 // end of the last whole block the io.Writer accepted
	readable  int64 // end of the headers readers need (pcap header, or first IDB); 0: not yet appended
	delivered []uint64
	buffered  []uint64 // per interface: packets in the buffer, not yet written
}

// addInterface makes room in the books for one more interface.
func (b *books) addInterface() {
	b.delivered = append(b.delivered, 0)
	b.buffered = append(b.buffered, 0)
}

// room is size bytes at the end of the buffer for a block, the buffer
// written out first when they do not fit; nil (and no error) when the
// block is larger than the whole buffer: writeDirect must write it. The
// caller fills all of it and then calls appended.
func (w *Writer) room(size int) ([]byte, error) {
	if size > len(w.buf)-w.n {
		if err := w.flushBuffer(); err != nil {
			return nil, err
		}
		if size > len(w.buf) {
			return nil, nil
		}
	}
	return w.buf[w.n : w.n+size : w.n+size], nil
}

// appended records a block of size bytes filled in room's space, a packet
// of interface iface (or -1).
func (w *Writer) appended(size, iface int) {
	w.n += size
	if iface >= 0 {
		w.books.buffered[iface]++
	}
}

// writeDirect writes a block larger than the buffer, in parts, straight
// to the io.Writer (the buffer is empty: room wrote it out).
func (w *Writer) writeDirect(iface int, parts ...[]byte) error {
	for _, p := range parts {
		k, err := w.books.w.Write(p)
		w.books.written += int64(max(0, min(k, len(p))))
		if err == nil && k < len(p) {
			err = io.ErrShortWrite
		}
		if err != nil {
			return err // torn: not committed
		}
	}
	w.books.committed = w.books.written
	if iface >= 0 {
		w.books.delivered[iface]++
	}
	return nil
}

// flushBuffer writes the buffer out, and settles the books.
func (w *Writer) flushBuffer() error {
	if w.n == 0 {
		return nil
	}
	bk := &w.books
	k, err := bk.w.Write(w.buf[:w.n])
	if k >= w.n {
		bk.written += int64(w.n)
		bk.committed = bk.written
		for i, c := range bk.buffered {
			bk.delivered[i] += c
			bk.buffered[i] = 0
		}
		w.n = 0
		return err
	}
	w.settlePart(max(k, 0))
	if err == nil {
		err = io.ErrShortWrite
	}
	return err
}

// settlePart settles the books after a write that took only the first k
// bytes of the buffer: the blocks wholly in them are committed, their
// packets delivered; the rest is left (nothing is written after a failed
// write).
func (w *Writer) settlePart(k int) {
	bk := &w.books
	le := binary.LittleEndian
	b := w.buf[:w.n]
	off := 0
	if w.format == Pcap && bk.written == 0 {
		// The file header is the first thing of a pcap file, and only
		// the buffer's first write holds it.
		if k < pcapHeaderLen {
			bk.written += int64(k)
			return
		}
		off = pcapHeaderLen
		bk.committed = pcapHeaderLen
	}
	for off < len(b) {
		var size, iface int
		if w.format == Pcap {
			size, iface = pcapRecordHdr+int(le.Uint32(b[off+8:])), 0
		} else {
			size, iface = int(le.Uint32(b[off+4:])), -1
			if le.Uint32(b[off:]) == blockEPB {
				iface = int(le.Uint32(b[off+8:]))
			}
		}
		if off+size > k {
			break
		}
		off += size
		bk.committed = bk.written + int64(off)
		if iface >= 0 {
			bk.delivered[iface]++
			bk.buffered[iface]--
		}
	}
	bk.written += int64(k)
}

// headers marks the end of what was appended so far as the headers a
// reader needs before anything else (the pcap file header, or the section
// header and the first interface block of pcapng).
func (w *Writer) headers() {
	if w.books.readable == 0 {
		w.books.readable = w.books.written + int64(w.n)
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
