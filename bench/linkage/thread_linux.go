package main

import (
	"syscall"
	"time"
)

// threadCPU is the CPU time of the calling OS thread (its goroutine locked
// to it): what a sign-up costs on its caller's thread, apart from the time
// it waited for the machine or for the group that commits it.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
