package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

func selfPID() int { return os.Getpid() }

// crashReport is the kill -9 loop's result.
type crashReport struct {
	Cycles       int `json:"cycles"`
	Attempted    int `json:"attempted"`     // distinct sign-ups sent
	Acknowledged int `json:"acknowledged"`  // answered 201 (first time or on a retry)
	InFlight     int `json:"in_flight"`     // unanswered when the server was killed, retried after
	Lost         int `json:"lost"`          // acknowledged but not there afterwards
	Duplicated   int `json:"duplicated"`    // more than one account for one sign-up, or a retry refused as a duplicate
	Stuck        int `json:"stuck"`         // keys still unanswerable after the restart
	Hung         int `json:"hung"`          // restarts after which retries could not be answered in time
	ServerErrors int `json:"server_errors"` // 5xx answers
}

// signup is one idempotent sign-up the crash loop sends until answered.
type signup struct {
	email string
	id    string // the acknowledged account
	done  bool
}

// runCrash sends idempotent sign-ups from 8 writers, kills the server with
// SIGKILL at a random moment, restarts it and retries every unanswered
// sign-up under its key, c.Crashes times; then checks every acknowledged
// sign-up is there, once.
func runCrash(ctx context.Context, s *server, c config, out io.Writer) (crashReport, error) {
	rep := crashReport{Cycles: c.Crashes}
	r := rand.New(rand.NewPCG(c.Seed, 99))
	var all []*signup
	var mu sync.Mutex
	var next atomic.Int64
	run := fmt.Sprintf("%d", time.Now().UnixNano()%1e9)
	// send answers one sign-up; it reports false when there was no answer.
	send := func(su *signup) bool {
		var res struct {
			Account struct{ ID string } `json:"account"`
			Code    string              `json:"code"`
		}
		st, err := s.call(ctx, "POST", "/v1/accounts", "integration", "", map[string]any{"email": su.email, "name": "Crash Member",
			"country": "US", "freelancer": true, "client": false}, &res, "Idempotency-Key", "crash-"+su.email)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil || st == 0:
			return false
		case st == 201:
			su.id, su.done = res.Account.ID, true
		case st >= 500:
			rep.ServerErrors++
			return false
		case res.Code == "idempotency_in_progress" || st == 409 && res.Code == "conflict":
			return false // still being answered: try again
		default:
			// account_exists on a retry: the first attempt applied and its answer was lost.
			rep.Duplicated++
			su.done = true
		}
		return true
	}
	// retryPending answers, on a replica that has just started, every
	// sign-up a crash left unanswered, under its key.
	retryPending := func() {
		var pending []*signup
		for _, su := range all {
			if !su.done {
				pending = append(pending, su)
			}
		}
		rep.InFlight += len(pending)
		deadline := time.Now().Add(30 * time.Second)
		for len(pending) > 0 && time.Now().Before(deadline) {
			var wg sync.WaitGroup
			var again []*signup
			var amu sync.Mutex
			for _, su := range pending {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if !send(su) {
						amu.Lock()
						again = append(again, su)
						amu.Unlock()
					}
				}()
			}
			wg.Wait()
			if pending = again; len(pending) > 0 {
				time.Sleep(100 * time.Millisecond)
			}
		}
		if len(pending) > 0 {
			rep.Stuck += len(pending)
			rep.Hung++
		}
	}
	for cycle := range c.Crashes {
		// Writers until the kill.
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					su := &signup{email: fmt.Sprintf("crash-%s-%d@example.com", run, next.Add(1))}
					mu.Lock()
					all = append(all, su)
					mu.Unlock()
					if !send(su) {
						select {
						case <-stop:
							return
						default:
							time.Sleep(10 * time.Millisecond)
						}
					}
				}
			}()
		}
		time.Sleep(time.Duration(300+r.IntN(1200)) * time.Millisecond)
		s.kill()
		close(stop)
		wg.Wait()
		if err := s.start(); err != nil {
			return rep, fmt.Errorf("restart %d: %w", cycle+1, err)
		}
		retryPending()
	}
	rep.Attempted = len(all)
	for _, su := range all {
		if su.id == "" {
			continue
		}
		rep.Acknowledged++
		var a struct{ Email string }
		if st, err := s.call(ctx, "GET", "/v1/accounts/"+su.id, "integration", "", nil, &a); err != nil || st != 200 || a.Email != su.email {
			rep.Lost++
		}
		var l struct{ Data []struct{ ID string } }
		if st, err := s.call(ctx, "GET", "/v1/accounts?q="+su.email, "integration", "", nil, &l); err == nil && st == 200 && len(l.Data) > 1 {
			rep.Duplicated++
		}
	}
	fmt.Fprintf(out, "crash %s: %d kill -9 cycles, %d sign-ups sent, %d acknowledged, %d in flight at a kill and retried: "+
		"%d lost, %d duplicated, %d stuck keys, %d hung restarts, %d 5xx\n",
		c.Engine, rep.Cycles, rep.Attempted, rep.Acknowledged, rep.InFlight, rep.Lost, rep.Duplicated, rep.Stuck, rep.Hung, rep.ServerErrors)
	return rep, nil
}
