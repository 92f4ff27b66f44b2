package chain

import (
	"encoding/binary"
	"testing"
)

func TestStateSize(t *testing.T) {
	if n := binary.Size(stateRec{}); n != 64 {
		t.Fatalf("stateRec is %d bytes", n)
	}
}
