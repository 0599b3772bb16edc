// Command signupload sends sign-ups (POST /v1/accounts) to a running
// `standing serve` at a fixed rate and reports their latency: an open-loop
// load generator in its own process, so that its CPU is not the server's
// (pin the two apart on a small machine: taskset -c 1 for this one,
// taskset -c 0 for the server).
//
// Each request has a scheduled send time, start + i/rate; a request is sent
// at that time whether or not earlier ones were answered, and its latency
// is counted from that time, not from when it actually left: a generator
// that falls behind (or a server that stalls it) shows up as latency rather
// than as requests quietly not sent (coordinated omission).
//
// The sign-ups are those of bench/linkage's workload of the same size:
// against a database it loaded (-reuse), one in ten is an evader of an
// account the database holds.
//
//	STANDING_KEY=... go run ./bench/signupload -near -accounts 1000000 -rate 500 -seconds 30
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"time"

	"standing/internal/population"
)

func main() {
	url := flag.String("url", "http://127.0.0.1:8080", "the server")
	key := flag.String("key", os.Getenv("STANDING_KEY"), "an integration key (or STANDING_KEY)")
	accounts := flag.Int("accounts", 100000, "size of the loaded population (as bench/linkage -accounts)")
	near := flag.Bool("near", false, "the near-match population (as bench/linkage -near)")
	stream := flag.Int("stream", 100, "which stream of new people signs up (each run on one database needs its own)")
	rate := flag.Int("rate", 500, "sign-ups per second")
	seconds := flag.Int("seconds", 30, "seconds of measured load")
	warmup := flag.Int("warmup", 2, "seconds of load before it, not measured")
	flag.Parse()
	if *key == "" {
		fail(fmt.Errorf("no key: -key or STANDING_KEY (standing keys create --role integration --name bench)"))
	}
	w := population.NewWorkload(*accounts, *near)
	total := *rate * (*warmup + *seconds)
	bodies := make([][]byte, total)
	for i, s := range w.Signups(*stream, total) {
		b, err := json.Marshal(s.Body())
		if err != nil {
			fail(err)
		}
		bodies[i] = b
	}
	w = nil // the population is only needed to draw the sign-ups

	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1024, MaxIdleConns: 1024}}
	skip := *rate * *warmup
	lat := make([]time.Duration, total)
	status := make([]int, total)
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(*rate)
	start := time.Now().Add(100 * time.Millisecond)
	for i := range bodies {
		due := start.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(due))
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			req, _ := http.NewRequest("POST", *url+"/v1/accounts", bytes.NewReader(bodies[i]))
			req.Header.Set("Authorization", "Bearer "+*key)
			req.Header.Set("Content-Type", "application/json")
			res, err := client.Do(req)
			if err == nil {
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				status[i] = res.StatusCode
			}
			lat[i] = time.Since(due)
		}(i)
	}
	wg.Wait()
	elapsed := time.Since(start.Add(time.Duration(skip) * interval))

	measured := slices.Clone(lat[skip:])
	slices.Sort(measured)
	codes := map[int]int{}
	for _, c := range status[skip:] {
		codes[c]++
	}
	pct := func(p float64) time.Duration {
		return measured[min(len(measured)-1, int(float64(len(measured))*p/100))]
	}
	fmt.Printf("sign-ups %d at %d/s for %d s (after %d s of warm-up); achieved %.1f/s\n", len(measured), *rate, *seconds, *warmup,
		float64(len(measured))/elapsed.Seconds())
	fmt.Printf("latency from the scheduled send: p50 %s  p90 %s  p99 %s  p99.9 %s  max %s\n", r(pct(50)), r(pct(90)), r(pct(99)), r(pct(99.9)), r(measured[len(measured)-1]))
	fmt.Printf("statuses %v (0: no answer)\n", codes)
	if codes[201]+codes[409] != len(measured) {
		os.Exit(1)
	}
}

func r(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }

func fail(err error) {
	fmt.Fprintln(os.Stderr, "signupload:", err)
	os.Exit(2)
}
