package main

import (
	"context"
	"fmt"
	"io"
	"iter"
	"sync"

	"dyad/internal/article"
)

// ordered is one input of mapOrdered with its result: In and Out when the source
// yielded an item, Err when it yielded a problem instead.
type ordered[In, Out any] struct {
	In  In
	Out Out
	Err error
}

// mapOrdered runs fn over the items of src on workers goroutines and yields the
// results in input order, problems (src's errors) in their place among them. It stops
// reading src when ctx is done or the consumer stops; items already read are still
// passed to fn (which may check ctx itself) and yielded. Shared by the commands that
// code many articles (code, places, ingest).
func mapOrdered[In, Out any](ctx context.Context, src iter.Seq2[In, error], workers int, fn func(In) Out) iter.Seq[ordered[In, Out]] {
	return func(yield func(ordered[In, Out]) bool) {
		workers = max(1, workers)
		type job struct {
			ordered[In, Out]
			done chan struct{}
		}
		jobs := make(chan *job, workers*2)
		order := make(chan *job, workers*4)
		quit := make(chan struct{}) // closed when the consumer stops early
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for j := range jobs {
					j.Out = fn(j.In)
					close(j.done)
				}
			}()
		}
		go func() {
			defer close(order)
			defer close(jobs)
			for in, err := range src {
				j := &job{ordered: ordered[In, Out]{In: in, Err: err}, done: make(chan struct{})}
				if err != nil {
					close(j.done)
				}
				select {
				case order <- j:
				case <-quit:
					return
				}
				if err == nil {
					select {
					case jobs <- j:
					case <-quit:
						return
					}
				}
				if ctx.Err() != nil {
					return
				}
			}
		}()
		defer wg.Wait()
		for j := range order {
			<-j.done
			if !yield(j.ordered) {
				close(quit)
				// Let the reader see quit and close jobs, so that the workers end.
				for range order {
				}
				return
			}
		}
	}
}

// eachArticle runs fn over the articles of src on workers goroutines and hands each
// result to use in input order. Records that could not be read, and articles fn
// fails on, are reported on errw and counted as skipped. Shared by code and places.
func eachArticle[T any](src iter.Seq2[article.Article, error], workers int, errw io.Writer,
	fn func(article.Article) (T, error), use func(article.Article, T)) (done, skipped int) {
	type result struct {
		out T
		err error
	}
	run := func(a article.Article) result {
		out, err := fn(a)
		return result{out, err}
	}
	for r := range mapOrdered(context.Background(), src, workers, run) {
		err := r.Err
		if err == nil {
			err = r.Out.err
		}
		if err != nil {
			skipped++
			fmt.Fprintf(errw, "dyad: skipped %v\n", err)
			continue
		}
		done++
		use(r.In, r.Out.out)
	}
	return done, skipped
}

// dateFlag rewrites a date flag's value as YYYY-MM-DD ("" stays ""), or says which
// flag is wrong and why.
func dateFlag(name string, value *string) error {
	if *value == "" {
		return nil
	}
	d, ok := article.NormalizeDate(*value)
	if !ok {
		return fmt.Errorf("--%s %q: want a date as YYYY-MM-DD", name, *value)
	}
	*value = d
	return nil
}

// finishRun prints a run's summary (unless quiet) and turns skipped input into the
// exit status.
func finishRun(errw io.Writer, quiet bool, what string, stats codeStats) error {
	if !quiet {
		fmt.Fprintf(errw, "dyad: %d articles, %d %s, %d skipped (%.1f articles/s)\n",
			stats.articles, stats.events, what, stats.skipped, float64(stats.articles)/stats.elapsed.Seconds())
	}
	if stats.skipped > 0 {
		return errSkipped
	}
	return nil
}
