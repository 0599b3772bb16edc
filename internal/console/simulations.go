package console

import (
	"encoding/json"
	"net/http"
	"strings"

	"standing/internal/problem"
	"standing/internal/service"
)

// simulationForm shows the form that starts a what-if run (issue 16).
func (c *Console) simulationForm(w http.ResponseWriter, r *http.Request, _ session) {
	c.render(w, r, "simulation.html", http.StatusOK, page{"Title": "What-if", "Settings": "{}"})
}

// simulate runs a what-if replay of the form's settings and shows it.
func (c *Console) simulate(w http.ResponseWriter, r *http.Request, s session) {
	text := strings.TrimSpace(r.FormValue("settings"))
	if text == "" {
		text = "{}"
	}
	in := service.SimulationInput{}
	var settings map[string]json.RawMessage
	if err := json.Unmarshal([]byte(text), &settings); err != nil {
		c.fail(w, r, problem.Invalid("the settings must be a JSON object", problem.Field("settings", "malformed_json", err.Error())))
		return
	}
	in.Settings = settings
	for name, dst := range map[string]**string{"from": &in.From, "to": &in.To} {
		if v := strings.TrimSpace(r.FormValue(name)); v != "" {
			*dst = &v
		}
	}
	in.By = s.actor
	sim, err := c.svc.Simulate(r.Context(), in)
	if err != nil {
		c.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/console/simulations/"+sim.ID, http.StatusSeeOther)
}

// simulationView shows a what-if run: its counts by rule and action, and
// the accounts it would have treated differently, each linked to its page.
func (c *Console) simulationView(w http.ResponseWriter, r *http.Request, _ session) {
	sim, err := c.svc.Simulation(r.Context(), r.PathValue("id"))
	if err != nil {
		c.fail(w, r, err)
		return
	}
	settings, _ := json.MarshalIndent(sim.Settings, "", "  ")
	c.render(w, r, "simulation.html", http.StatusOK, page{"Title": "What-if " + sim.ID, "Sim": sim, "Settings": string(settings)})
}
