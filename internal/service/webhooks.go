package service

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"time"

	"standing/internal/ids"
	"standing/internal/problem"
	"standing/internal/store"
)

// Events a webhook endpoint can subscribe to (API.md).
var Events = []string{"account.status_changed", "account.restrictions_changed", "notice.issued", "message.held", "case.opened", "case.resolved"}

// Webhook is a subscribed endpoint.
type Webhook struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	Events    []string  `json:"events"`
	Secret    string    `json:"secret,omitempty"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	Version   int64     `json:"version"`
}

// shown is the endpoint as answers show it after its creation: without its
// signing secret, and with a password in its URL masked, since lists and
// answers end up in logs and on screens.
func (w Webhook) shown() Webhook {
	w.Secret = ""
	if u, err := url.Parse(w.URL); err == nil {
		w.URL = u.Redacted()
	}
	return w
}

// Wants reports whether the endpoint subscribed to an event type.
func (w *Webhook) Wants(typ string) bool {
	return slices.Contains(w.Events, typ) || slices.Contains(w.Events, "*")
}

// WebhookInput is the command to subscribe a webhook endpoint.
type WebhookInput struct {
	URL    string
	Events []string
}

// CreateWebhook subscribes an endpoint; the answer shows its secret once.
func (s *Service) CreateWebhook(ctx context.Context, actor Actor, in WebhookInput) (Webhook, error) {
	var out Webhook
	u, err := url.Parse(in.URL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return out, problem.Invalid("url must be an absolute URL", problem.Field("url", "invalid", "an absolute https URL"))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		// API.md POST /v1/webhooks: "The URL must be https (or http to a
		// host the server was told to allow) ...: 422 url_not_allowed".
		return out, problem.Newf("url_not_allowed", "%s: webhook URLs must be https (plain http only to a host the server was told to allow)", u.Redacted())
	}
	if err := s.checkWebhookURL(ctx, u); err != nil {
		return out, err
	}
	if len(in.Events) == 0 {
		return out, problem.Invalid("subscribe to at least one event", problem.Field("events", "invalid", "one or more of the event types"))
	}
	for _, e := range in.Events {
		if !slices.Contains(Events, e) && e != "*" {
			return out, problem.Invalid("unknown event", problem.Field("events", "invalid", "unknown event "+strconv.Quote(e)))
		}
	}
	var b [24]byte
	_, _ = rand.Read(b[:])
	w := Webhook{ID: ids.New("whk"), URL: u.String(), Events: in.Events, Secret: "whsec_" + hex.EncodeToString(b[:]), Status: "active", Version: 1}
	err = s.update(ctx, actor, func(t *txn) error {
		w.CreatedAt = t.now
		return t.Save(t.ctx, store.Webhooks, w)
	})
	return w, err
}

// DeliveryView is one line of an endpoint's delivery log.
type DeliveryView struct {
	ID          string     `json:"id"`
	EventType   string     `json:"event_type"`
	Attempts    int        `json:"attempts"`
	DeliveredAt *time.Time `json:"delivered_at"`
	LastStatus  int        `json:"last_status"`
	LastError   string     `json:"last_error"`
	CreatedAt   time.Time  `json:"created_at"`
}

// Deliveries lists the deliveries of an endpoint, newest first, in pages of
// the list envelope (API.md Conventions, Lists).
func (s *Service) Deliveries(ctx context.Context, id string, opts ListOpts) (Page[DeliveryView], error) {
	before, err := decodeCursorOf(opts.Cursor, "whd")
	if err != nil {
		return Page[DeliveryView]{}, err
	}
	var ds []store.Delivery
	err = s.read(ctx, func(t *txn) error {
		if _, err := get[Webhook](t, store.Webhooks, "webhook", id); err != nil {
			return err
		}
		ds, err = t.Deliveries(t.ctx, id, before, opts.Limit+1)
		return err
	})
	if err != nil {
		return Page[DeliveryView]{}, err
	}
	return pageOf(ds, opts.Limit, func(d store.Delivery) string { return d.ID }, func(d store.Delivery) DeliveryView {
		v := DeliveryView{ID: d.ID, EventType: d.EventType, Attempts: d.Attempts, LastStatus: d.LastStatus, LastError: d.LastError}
		// API.md Conventions: every object has id and created_at. A
		// delivery is created with its event, whose body carries the time.
		var ev struct {
			CreatedAt time.Time `json:"created_at"`
		}
		if json.Unmarshal(d.Body, &ev) == nil {
			v.CreatedAt = ev.CreatedAt.UTC()
		}
		if !d.Delivered.IsZero() {
			at := d.Delivered
			v.DeliveredAt = &at
		}
		return v
	}), nil
}

// ListWebhooks lists the active endpoints, without their secrets (shown).
func (s *Service) ListWebhooks(ctx context.Context, opts ListOpts) (Page[Webhook], error) {
	var out Page[Webhook]
	err := s.read(ctx, func(t *txn) error {
		var err error
		out, err = page(t, store.Webhooks, store.Q{Where: []store.Cond{store.Eq("status", "active")}}, opts,
			func(w *Webhook) string { return w.ID },
			func(w *Webhook) Webhook { return w.shown() })
		return err
	})
	return out, err
}

// DeleteWebhook removes an endpoint: it is marked deleted (its delivery log
// stays readable), nothing more is written for it, and its pending
// deliveries are dropped. It answers the endpoint after the action.
func (s *Service) DeleteWebhook(ctx context.Context, actor Actor, id string) (Webhook, error) {
	var out Webhook
	err := s.update(ctx, actor, func(t *txn) error {
		w, err := get[Webhook](t, store.Webhooks, "webhook", id)
		if err != nil {
			return err
		}
		if w.Status == "deleted" {
			return problem.NotFound("webhook", id)
		}
		w.Status, w.Version = "deleted", w.Version+1
		if err := t.Save(t.ctx, store.Webhooks, w); err != nil {
			return err
		}
		out = w.shown()
		return t.DropDeliveries(t.ctx, id)
	})
	return out, err
}

// Sign returns the Standing-Signature header value for a body sent at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte("."))
	m.Write(body)
	return "t=" + ts + ",v1=" + hex.EncodeToString(m.Sum(nil))
}
