package main

import (
	"fmt"
	"io"
	"net"
)

// listInterfaces is tcpdump -D: the interfaces, numbered.
func listInterfaces(stdout, stderr io.Writer) int {
	ifs, err := net.Interfaces()
	if err != nil {
		return fail(stderr, err)
	}
	for i, ifc := range ifs {
		fmt.Fprintf(stdout, "%d.%s\n", i+1, ifc.Name)
	}
	return 0
}
