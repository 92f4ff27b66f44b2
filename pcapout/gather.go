package pcapout

import (
	"io"
	"os"
	"syscall"

	"golang.org/x/sys/unix"
)

// gather is the Writer's output buffer. Small pieces are copied into buf,
// as bufio would; large packets written with WritePacketRef are only
// referenced (iov) and go out with the buffered bytes around them in one
// writev(2) at the next flush, so their bytes are copied once, by the
// kernel, from where the caller keeps them. Without a file descriptor to
// writev to, references are copied like everything else.
type gather struct {
	w    io.Writer
	rc   syscall.RawConn // nil: w is not a file descriptor
	name string          // for errors, as os.File reports them
	buf  []byte          // never grows past its capacity: iov points into it
	mark int             // buf[:mark] is already in iov
	iov  [][]byte
}

// maxIov is the most iovecs one writev takes (IOV_MAX on Linux).
const maxIov = 1024

// refMin is the smallest packet WritePacketRef references rather than
// copies: below it a copy into the buffer is cheaper than an iovec.
const refMin = 512

func newGather(w io.Writer, size int) *gather {
	g := &gather{w: w, buf: make([]byte, 0, size)}
	if f, ok := w.(*os.File); ok {
		if rc, err := f.SyscallConn(); err == nil {
			g.rc, g.name = rc, f.Name()
		}
	}
	return g
}

// Write copies p into the buffer, flushing first when it does not fit; a
// p larger than the buffer goes out on its own.
func (g *gather) Write(p []byte) (int, error) {
	if len(g.buf)+len(p) > cap(g.buf) {
		if err := g.Flush(); err != nil {
			return 0, err
		}
		if len(p) > cap(g.buf) {
			return g.w.Write(p)
		}
	}
	g.buf = append(g.buf, p...)
	return len(p), nil
}

// writeRef queues p by reference: p must stay unchanged until the next
// Flush returns.
func (g *gather) writeRef(p []byte) error {
	if g.rc == nil || len(p) < refMin {
		_, err := g.Write(p)
		return err
	}
	if len(g.iov) >= maxIov-2 {
		if err := g.Flush(); err != nil {
			return err
		}
	}
	if g.mark < len(g.buf) {
		g.iov = append(g.iov, g.buf[g.mark:len(g.buf):len(g.buf)])
		g.mark = len(g.buf)
	}
	g.iov = append(g.iov, p)
	return nil
}

// Flush writes out everything queued; references are released.
func (g *gather) Flush() error {
	if len(g.iov) == 0 {
		if len(g.buf) == 0 {
			return nil
		}
		n, err := g.w.Write(g.buf)
		if err == nil && n < len(g.buf) {
			err = io.ErrShortWrite
		}
		g.buf, g.mark = g.buf[:0], 0
		return err
	}
	if g.mark < len(g.buf) {
		g.iov = append(g.iov, g.buf[g.mark:len(g.buf):len(g.buf)])
	}
	err := g.writev(g.iov)
	clear(g.iov)
	g.iov, g.buf, g.mark = g.iov[:0], g.buf[:0], 0
	return err
}

// writev writes all of iov, in as many writev(2) calls as it takes.
func (g *gather) writev(iov [][]byte) error {
	for len(iov) > 0 {
		var n int
		var errno error
		err := g.rc.Write(func(fd uintptr) bool {
			n, errno = unix.Writev(int(fd), iov)
			return errno != unix.EAGAIN
		})
		if err == nil {
			err = errno
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return &os.PathError{Op: "write", Path: g.name, Err: err}
		}
		if n == 0 {
			return &os.PathError{Op: "write", Path: g.name, Err: io.ErrShortWrite}
		}
		for n > 0 && len(iov) > 0 {
			if n >= len(iov[0]) {
				n -= len(iov[0])
				iov = iov[1:]
				continue
			}
			iov[0] = iov[0][n:]
			n = 0
		}
		for len(iov) > 0 && len(iov[0]) == 0 {
			iov = iov[1:]
		}
	}
	return nil
}
