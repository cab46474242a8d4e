//go:build unix

package text

import "syscall"

// processCPUSeconds returns the user+system CPU time of this process, so that
// benchmarks on a busy shared machine can report throughput per CPU-second as well
// as per wall-clock second.
func processCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
