// The ring buffer flag of a live capture (--ring-per-cpu).
package main

import "github.com/spf13/pflag"

type ringFlags struct {
	perCPU bool
}

func addRingFlags(fs *pflag.FlagSet, rf *ringFlags) {
	fs.BoolVar(&rf.perCPU, "ring-per-cpu", false, "give every CPU a ring buffer of its own (-B is shared out between them)")
}
