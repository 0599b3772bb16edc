package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"standing/internal/httpapi"
)

// openapiCmd prints the OpenAPI document of the API, every optional route
// included (the test clock too), for generating clients without a server.
func openapiCmd(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("openapi", flag.ContinueOnError)
	out := fs.String("o", "", "write to FILE instead of standard output")
	if err := fs.Parse(args); err != nil {
		return err
	}
	b, err := json.MarshalIndent(httpapi.Document(), "", "  ")
	if err != nil {
		return fmt.Errorf("encode the OpenAPI document: %w", err)
	}
	b = append(b, '\n')
	if *out == "" {
		_, err = stdout.Write(b)
		return err
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		return fmt.Errorf("write the OpenAPI document: %w", err)
	}
	return nil
}
