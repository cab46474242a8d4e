package main

import (
	"context"
	"iter"
	"sync"
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
// code many articles (ingest; code could use it too).
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
