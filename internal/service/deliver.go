package service

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"standing/internal/problem"
	"standing/internal/store"
)

// Webhook delivery runs in a pool of its own, apart from the due-time job
// loop, so that slow or dead receivers never delay deadlines.
const (
	hookWorkers      = 16               // deliveries in flight per replica
	hookPerEndpoint  = 4                // of them to one endpoint at a time
	hookTimeout      = 10 * time.Second // one attempt, connection to answer
	hookLease        = 2 * time.Minute  // a claimed delivery is this replica's
	breakerThreshold = 5                // failures in a row that open an endpoint's circuit
	breakerCool      = 30 * time.Second // first open period; doubles while it keeps failing
	breakerMaxCool   = 10 * time.Minute
)

// errNotPublic is the dialer's refusal of a non-public address.
var errNotPublic = errors.New("address not public")

// nonPublic lists special-purpose ranges net/netip has no predicate for.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // this network
	netip.MustParsePrefix("100.64.0.0/10"),   // shared address space (CGNAT)
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b::/96"),    // NAT64: may reach private IPv4
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("100::/64"),        // discard
	netip.MustParsePrefix("2001::/23"),       // IETF protocol assignments (Teredo, ORCHIDs ...)
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("2002::/16"),       // 6to4: may embed private IPv4
}

// publicAddr reports whether a is a public unicast address: not loopback,
// private, link-local, multicast, unspecified or special-purpose.
func publicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}

// allowedHost reports whether the settings let webhooks reach host over
// http and at private addresses.
func (s *Service) allowedHost(host string) bool {
	return slices.ContainsFunc(s.set.WebhookAllowHosts, func(h string) bool { return strings.EqualFold(h, host) })
}

// checkWebhookURL is API.md's rule for a webhook URL: https, or http to an
// allowed host; and, unless the host is allowed, every address it resolves
// to is public. Otherwise 422 url_not_allowed.
func (s *Service) checkWebhookURL(ctx context.Context, u *url.URL) error {
	host := u.Hostname()
	if s.allowedHost(host) {
		return nil
	}
	refuse := func(why string) error {
		return problem.Newf("url_not_allowed", "%s: %s", u.Redacted(), why)
	}
	if u.Scheme != "https" {
		return refuse("webhook URLs must be https (plain http only to a host the server was told to allow)")
	}
	if a, err := netip.ParseAddr(host); err == nil {
		if !publicAddr(a) {
			return refuse("the address is not public")
		}
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil || len(addrs) == 0 {
		return refuse("the host does not resolve")
	}
	for _, a := range addrs {
		if !publicAddr(a) {
			return refuse("the host resolves to an address that is not public")
		}
	}
	return nil
}

// hookClient is the HTTP client of deliveries: no proxy, no redirects
// followed (a 3xx is a failed attempt), and a dialer that refuses, at
// connect time, any address that is not public unless the URL's host is
// allowed, so a name that resolved to a public address when the endpoint
// was created cannot be turned toward the internal network later.
func (s *Service) hookClient() *http.Client {
	public := &net.Dialer{Timeout: 5 * time.Second, Control: func(network, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil || !publicAddr(ap.Addr()) {
			return errNotPublic
		}
		return nil
	}}
	open := &net.Dialer{Timeout: 5 * time.Second}
	tr := &http.Transport{
		Proxy: nil,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, _ := net.SplitHostPort(addr)
			if s.allowedHost(host) {
				return open.DialContext(ctx, network, addr)
			}
			return public.DialContext(ctx, network, addr)
		},
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: hookTimeout,
		MaxIdleConnsPerHost:   hookPerEndpoint,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: hookTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// breaker is one endpoint's circuit: after breakerThreshold failed attempts
// in a row it opens, and deliveries to the endpoint wait until it closes
// (one trial attempt then decides whether it opens again, for longer).
type breaker struct {
	failures  int
	openUntil time.Time
	cool      time.Duration
}

// hookPool is the delivery worker pool of a replica.
type hookPool struct {
	mu       sync.Mutex
	inflight map[string]int // claimed deliveries per endpoint
	total    int
	slots    map[string]chan struct{} // per-endpoint concurrency
	breakers map[string]*breaker
	client   *http.Client
	wg       sync.WaitGroup
}

// deliverLoop sends due webhook deliveries until ctx ends, at least once
// each: a delivery stays due until a receiver answers 2xx, with back-off
// between attempts. It claims work when woken and at least once a second.
func (s *Service) deliverLoop(ctx context.Context) {
	p := &hookPool{inflight: map[string]int{}, slots: map[string]chan struct{}{}, breakers: map[string]*breaker{}, client: s.hookClient()}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		s.dispatch(ctx, p)
		select {
		case <-ctx.Done():
			p.wg.Wait()
			return
		case <-tick.C:
		case <-s.hookWake:
		}
	}
}

// dispatch claims as many due deliveries as the pool has free workers,
// leaving out endpoints that are busy or whose circuit is open, and starts
// an attempt for each.
func (s *Service) dispatch(ctx context.Context, p *hookPool) {
	for ctx.Err() == nil {
		p.mu.Lock()
		free := hookWorkers - p.total
		var skip []string
		now := time.Now()
		for id, n := range p.inflight {
			if n >= hookPerEndpoint {
				skip = append(skip, id)
			}
		}
		for id, b := range p.breakers {
			if now.Before(b.openUntil) {
				skip = append(skip, id)
			}
		}
		p.mu.Unlock()
		if free <= 0 {
			return
		}
		batch, err := s.db.ClaimDeliveries(ctx, s.clock.Now(), hookLease, free, skip)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("claim webhook deliveries", "err", err)
			}
			return
		}
		p.mu.Lock()
		for _, d := range batch {
			p.inflight[d.EndpointID]++
			p.total++
			if p.slots[d.EndpointID] == nil {
				p.slots[d.EndpointID] = make(chan struct{}, hookPerEndpoint)
			}
			p.wg.Add(1)
			go s.attempt(ctx, p, d, p.slots[d.EndpointID])
		}
		p.mu.Unlock()
		if len(batch) < free {
			return
		}
	}
}

// attempt sends one delivery, within its endpoint's concurrency, and
// records the outcome.
func (s *Service) attempt(ctx context.Context, p *hookPool, d store.Delivery, slot chan struct{}) {
	defer func() {
		p.mu.Lock()
		p.total--
		if p.inflight[d.EndpointID]--; p.inflight[d.EndpointID] <= 0 {
			delete(p.inflight, d.EndpointID)
		}
		p.mu.Unlock()
		p.wg.Done()
		select { // a worker is free: claim more
		case s.hookWake <- struct{}{}:
		default:
		}
	}()
	select {
	case slot <- struct{}{}:
		defer func() { <-slot }()
	case <-ctx.Done():
		return // the lease runs out and the delivery is due again
	}
	p.mu.Lock()
	b := p.breakers[d.EndpointID]
	var wait time.Duration
	if b != nil {
		wait = time.Until(b.openUntil)
	}
	p.mu.Unlock()
	if wait > 0 {
		if err := s.db.DeferDelivery(ctx, d.ID, s.clock.Now().Add(wait)); err != nil && ctx.Err() == nil {
			s.log.Error("defer webhook delivery", "err", err)
		}
		return
	}
	var w *Webhook
	err := s.read(ctx, func(t *txn) error {
		var err error
		w, err = get[Webhook](t, store.Webhooks, "webhook", d.EndpointID)
		return err
	})
	if err != nil && ignoreMissing(err) != nil {
		if ctx.Err() == nil {
			s.log.Error("webhook endpoint", "err", err)
		}
		return // the lease runs out and the delivery is due again
	}
	if w == nil || w.Status != "active" {
		// The endpoint was removed while this was claimed: its deliveries go.
		if err := s.db.Update(ctx, func(tx *store.Tx) error { return tx.DropDeliveries(ctx, d.EndpointID) }); err != nil && ctx.Err() == nil {
			s.log.Error("drop webhook deliveries", "err", err)
		}
		return
	}
	status, errText := s.post(ctx, p.client, w, d.Body)
	ok := status >= 200 && status < 300
	p.record(d.EndpointID, ok)
	if ctx.Err() != nil {
		return // shutting down: the lease runs out and the delivery is due again
	}
	backoff := min(time.Duration(1<<min(d.Attempts, 12))*5*time.Second, time.Hour)
	now := s.clock.Now()
	if err := s.db.FinishDelivery(ctx, d.ID, now, status, errText, ok, now.Add(backoff)); err != nil && ctx.Err() == nil {
		s.log.Error("record webhook delivery", "err", err)
	}
}

// record updates an endpoint's circuit with the outcome of an attempt.
func (p *hookPool) record(endpoint string, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ok {
		delete(p.breakers, endpoint)
		return
	}
	b := p.breakers[endpoint]
	if b == nil {
		b = &breaker{}
		p.breakers[endpoint] = b
	}
	if b.failures++; b.failures < breakerThreshold {
		return
	}
	switch {
	case b.cool == 0:
		b.cool = breakerCool
	case time.Now().After(b.openUntil): // a trial after the open period failed
		b.cool = min(2*b.cool, breakerMaxCool)
	}
	b.openUntil = time.Now().Add(b.cool)
}

// post sends one delivery. The signature's t is the real time of sending
// (receivers compare it with their own clock), whatever the service clock
// says. The error kept in the delivery log is generic: it never carries
// addresses or resolver and TLS details of the network the server is in.
func (s *Service) post(ctx context.Context, c *http.Client, w *Webhook, body []byte) (int, string) {
	u, err := url.Parse(w.URL)
	if err != nil || (u.Scheme != "https" && !(u.Scheme == "http" && s.allowedHost(u.Hostname()))) {
		return 0, "address not allowed"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return 0, "invalid endpoint URL"
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "standing-webhooks/1")
	req.Header.Set("Standing-Signature", Sign(w.Secret, time.Now(), body))
	resp, err := c.Do(req)
	if err != nil {
		var ne net.Error
		switch {
		case errors.Is(err, errNotPublic):
			return 0, "address not allowed"
		case errors.As(err, &ne) && ne.Timeout():
			return 0, "timed out"
		default:
			return 0, "connection failed"
		}
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		return resp.StatusCode, fmt.Sprintf("receiver answered %d", resp.StatusCode)
	}
	return resp.StatusCode, ""
}
