//go:build !unix

package text

func processCPUSeconds() float64 { return 0 }
