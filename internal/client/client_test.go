package client_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"standing/internal/httpapi"
)

// TestClientIsCurrent: the checked-in document is the one the code serves
// (API.md, Operations), and client.gen.go is what oapi-codegen makes of it.
// Run `go generate ./internal/client` when this fails.
func TestClientIsCurrent(t *testing.T) {
	want, err := json.MarshalIndent(httpapi.Document(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), want) {
		t.Fatal("openapi.json is not the document the code serves: run go generate ./internal/client")
	}
	if testing.Short() {
		t.Skip("generating the client takes a while; skipped with -short")
	}
	// The same configuration, writing elsewhere.
	dir := t.TempDir()
	cfg, err := os.ReadFile("oapi-codegen.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "client.gen.go")
	cfg = bytes.Replace(cfg, []byte("output: client.gen.go"), []byte("output: "+out), 1)
	if err := os.WriteFile(filepath.Join(dir, "cfg.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "tool", "oapi-codegen", "-config", filepath.Join(dir, "cfg.yaml"), "openapi.json")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("oapi-codegen: %v\n%s", err, b)
	}
	fresh, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	current, err := os.ReadFile("client.gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fresh, current) {
		t.Fatal("client.gen.go is not what oapi-codegen makes of openapi.json: run go generate ./internal/client")
	}
}
