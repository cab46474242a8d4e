//go:build unix

package petrarch

import "syscall"

// processCPUSeconds returns the user+system CPU time of this process: on a busy
// shared machine, throughput per CPU-second says more than per wall-clock second.
func processCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
