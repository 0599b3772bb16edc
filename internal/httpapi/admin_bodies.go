package httpapi

import (
	"encoding/json"

	"standing/internal/service"
)

// The request bodies of what-if runs and webhooks, converted into the
// service's plain commands.

// simulationInput is the body of POST /v1/policies/simulations.
type simulationInput struct {
	Settings *map[string]json.RawMessage `json:"settings"` // over the settings in force; absent: those in force
	From     *string                     `json:"from"`
	To       *string                     `json:"to"`
}

func (b *simulationInput) command() service.SimulationInput {
	settings := map[string]json.RawMessage{}
	if b.Settings != nil {
		settings = *b.Settings
	}
	return service.SimulationInput{Settings: settings, From: b.From, To: b.To}
}

// webhookInput is the body of POST /v1/webhooks.
type webhookInput struct {
	URL    *string   `json:"url" req:"true"`
	Events *[]string `json:"events" req:"true"`
}

func (b *webhookInput) command() service.WebhookInput {
	return service.WebhookInput{URL: *b.URL, Events: *b.Events}
}
