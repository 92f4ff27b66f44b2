// The --flows view on a terminal: the alternate screen (the shell's
// screen and scrollback are left as they were), one frame per interval
// drawn over the last, cut to the window's size and redrawn when the
// window changes (SIGWINCH), the title and header always on top, every
// row whole (never wrapped).

package flows

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// screen is a terminal in the alternate screen.
type screen struct {
	w    io.Writer
	fd   int
	buf  bytes.Buffer
	open bool
}

// newScreen switches w, a terminal, to the alternate screen and hides
// the cursor.
func newScreen(w io.Writer) *screen {
	s := &screen{w: w, fd: -1, open: true}
	if f, ok := w.(*os.File); ok {
		s.fd = int(f.Fd())
	}
	io.WriteString(w, "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J")
	return s
}

// size is the window's columns and rows (80x24 if the terminal does not
// say).
func (s *screen) size() (cols, rows int) {
	if s.fd >= 0 {
		if ws, err := unix.IoctlGetWinsize(s.fd, unix.TIOCGWINSZ); err == nil && ws.Col > 0 && ws.Row > 0 {
			return int(ws.Col), int(ws.Row)
		}
	}
	return 80, 24
}

// draw puts lines on the screen from its top, each cut to cols and on a
// line of its own (positioned, so that a full-width line cannot wrap),
// at most rows of them, and clears the rest.
func (s *screen) draw(lines []string, cols, rows int) error {
	s.buf.Reset()
	for i, l := range lines {
		if i >= rows {
			break
		}
		if len(l) > cols {
			l = l[:cols]
		}
		fmt.Fprintf(&s.buf, "\x1b[%d;1H\x1b[2K%s", i+1, l)
	}
	if len(lines) < rows {
		fmt.Fprintf(&s.buf, "\x1b[%d;1H\x1b[J", len(lines)+1)
	}
	_, err := s.w.Write(s.buf.Bytes())
	return err
}

// close leaves the alternate screen and shows the cursor again.
func (s *screen) close() {
	if s.open {
		io.WriteString(s.w, "\x1b[?25h\x1b[?1049l")
		s.open = false
	}
}
