// Package shareddata finds the project's read-only data folder, ../shared/data beside
// the repository, for tests, benchmarks and generators. A user's clone has no such
// folder: tests that need it skip with a message instead of failing.
package shareddata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Root returns the shared folder (the one holding data/, docs/ and acceptance/), or
// "" when there is none. DYAD_SHARED overrides the default of ../shared beside the
// repository root.
func Root() string {
	if d := os.Getenv("DYAD_SHARED"); d != "" {
		return d
	}
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return ""
	}
	// file is <repo>/internal/shareddata/shareddata.go
	repo := filepath.Dir(filepath.Dir(filepath.Dir(file)))
	d := filepath.Join(filepath.Dir(repo), "shared")
	if st, err := os.Stat(d); err == nil && st.IsDir() {
		return d
	}
	return ""
}

// Path returns the path of rel inside the shared folder (e.g. "data/ud/en_ewt-ud-dev.conllu"),
// or skips the test when it is not there.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skipf("skipped: ../shared is not beside the repository (needed: %s)", rel)
	}
	p := filepath.Join(root, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("skipped: %s is not in ../shared", rel)
	}
	return p
}
