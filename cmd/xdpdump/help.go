package main

import (
	"fmt"
	"strings"
)

// checkDirection validates -Q as tcpdump does (case-insensitive).
func checkDirection(o *options) error {
	if o.direction == "" {
		return nil
	}
	d := strings.ToLower(o.direction)
	switch d {
	case "in", "out", "inout":
		o.direction = d
		return nil
	}
	return usageError{fmt.Sprintf("unknown capture direction `%s'", o.direction)}
}
