//go:build !unix

package timex

func processCPUSeconds() float64 { return 0 }
