package store

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"dyad/internal/article"
	"dyad/internal/event"
)

// killCorpus is the fixed input of TestKilledIngestResumes.
func killCorpus() ([]article.Article, [][]event.Event) {
	rng := rand.New(rand.NewPCG(21, 22))
	var articles []article.Article
	var events [][]event.Event
	for i := range 60 {
		a, evs := synthArticle(rng, i, 5+rng.IntN(10))
		articles, events = append(articles, a), append(events, evs)
	}
	return articles, events
}

// TestKilledIngestResumes kills (SIGKILL) a process in the middle of an ingest into
// SQLite, re-runs the ingest, and checks that the database equals one from an
// uninterrupted run.
func TestKilledIngestResumes(t *testing.T) {
	if path := os.Getenv("DYAD_STORE_KILL_CHILD"); path != "" {
		ingestChild(path) // never returns
	}
	articles, events := killCorpus()
	dir := t.TempDir()
	path := filepath.Join(dir, "killed.db")

	child := exec.Command(os.Args[0], "-test.run", "^TestKilledIngestResumes$")
	child.Env = append(os.Environ(), "DYAD_STORE_KILL_CHILD="+path)
	stdin, err := child.StdinPipe() // kept open: the child waits on it
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it when it says it is inside the transaction of article killAt, every row
	// written but not committed.
	lines := bufio.NewScanner(out)
	committed := 0
	for lines.Scan() && lines.Text() != "in transaction" {
		committed++
	}
	child.Process.Kill()
	child.Wait()
	if committed != killAt {
		t.Fatalf("the child committed %d articles before it was killed, want %d", committed, killAt)
	}

	s := open(t, path, WithCoderVersion("v1"))
	st := stats(t, s)
	if st.Articles != killAt {
		t.Errorf("after the kill: %d articles stored, want the %d committed", st.Articles, killAt)
	}
	skipped, err := ingest(t, s, articles, events)
	if err != nil {
		t.Fatalf("re-run after the kill: %v", err)
	}
	if skipped != int(st.Articles) {
		t.Errorf("re-run skipped %d articles, want the %d stored before", skipped, st.Articles)
	}
	whole := open(t, filepath.Join(dir, "whole.db"), WithCoderVersion("v1"))
	if _, err := ingest(t, whole, articles, events); err != nil {
		t.Fatal(err)
	}
	if dump(t, s) != dump(t, whole) {
		t.Error("killed and resumed ingest differs from an uninterrupted one")
	}
}

// killAt is the article in whose transaction the child is killed.
const killAt = 12

// ingestChild ingests killCorpus into the SQLite file at path, printing a line after
// each article; in the transaction of article killAt it says so and waits to be
// killed. It runs in the child process of TestKilledIngestResumes.
func ingestChild(path string) {
	articles, events := killCorpus()
	s, err := Open(context.Background(), path, WithCoderVersion("v1"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	s.(*sqlStore).beforeCommit = func(id string) error {
		if id == articles[killAt].ID {
			fmt.Println("in transaction")
			// Until killed; should the parent die first, its end of stdin closes.
			io.Copy(io.Discard, os.Stdin)
			os.Exit(3)
		}
		return nil
	}
	for i, a := range articles {
		if err := s.PutArticle(context.Background(), a, events[i]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println(a.ID)
	}
	s.Close()
	os.Exit(0)
}
