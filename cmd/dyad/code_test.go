package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run executes dyad with args in-process and returns its output and error.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	err = root.Execute()
	// Flags keep their values between runs of the same command tree: reset the ones
	// the tests set.
	for _, name := range []string{"published", "format", "all", "partial", "min-confidence"} {
		if f := codeFlag(name); f != nil {
			f.Value.Set(f.DefValue)
			f.Changed = false
		}
	}
	return out.String(), errb.String(), err
}

func TestCodeBadInputIsReportedAndTheRestCoded(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.txt", []byte("Russia expelled two Colombian diplomats on Wednesday.\n"))
	binary := write("binary.txt", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00"))
	empty := write("empty.txt", nil)
	jsonl := write("news.jsonl", []byte(`{"id":"ok","text":"Colombia expelled two Russian diplomats."}`+"\n"+`{"id":"cut","text":"Russia expel`+"\n"))
	huge := write("huge.jsonl", append(append([]byte(`{"id":"big","text":"`), bytes.Repeat([]byte("a "), 25<<20)...), []byte("\"}\n")...))
	latin1 := write("latin1.txt", []byte("Russia expelled two Colombian diplomats in Bogot\xe1.\n"))

	stdout, stderr, err := run(t, "", "code", "--published", "2020-12-24", good, binary, empty, jsonl, huge, latin1)
	if !errors.Is(err, errSkipped) {
		t.Errorf("err = %v, want the skipped-input status", err)
	}
	for _, want := range []string{
		binary + ": binary file",
		empty + ": empty file",
		jsonl + ":2: truncated JSON record",
		huge + ":1: line of 50.0 MB is over the 16.0 MB limit",
		"3 articles",
		"4 skipped",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "latin1") {
		t.Errorf("invalid UTF-8 should be repaired, not reported:\n%s", stderr)
	}
	_ = stdout
}

func TestCodeRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"code", "--no-such-flag", "x.txt"},
		{"code", "--published", "yesterday", "x.txt"},
		{"code", "--format", "xml", "x.txt"},
		{"code"},
	} {
		_, _, err := run(t, "", args...)
		if err == nil || errors.Is(err, errSkipped) {
			t.Errorf("dyad %s: err = %v, want a usage error", strings.Join(args, " "), err)
		}
	}
}

func TestCodeRejectsAMinimumConfidenceOutOfRange(t *testing.T) {
	for _, v := range []string{"-0.1", "1.5", "NaN"} {
		_, _, err := run(t, "Russia expelled two Colombian diplomats.", "code", "--min-confidence", v, "-")
		if err == nil || !strings.Contains(err.Error(), "want a value from 0 to 1") {
			t.Errorf("--min-confidence %s: err %v, want a clear refusal", v, err)
		}
	}
}
