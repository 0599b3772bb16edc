//go:build !linux

package main

import "time"

// threadCPU is not measured off Linux: it reports zero.
func threadCPU() time.Duration { return 0 }
