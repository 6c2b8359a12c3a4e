// Package config loads the gateway configuration from the environment.
//
// Variables (see deploy/gateway.env.example):
//
//	MUFI_API_KEY       server-side key with Write permission (https://my.mufi.app)
//	MUFI_READ_API_KEY  optional Read key used by the balance endpoints
//	MUFI_BASE_URL      defaults to https://api.mufi.app; staging is https://dev.api.mufi.app
//	LISTEN_ADDR        defaults to :8080
//
// Old deployments used http://api.mufi.app as the base URL; Load rejects it.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"
)

const (
	DefaultBaseURL = "https://api.mufi.app"
	StagingBaseURL = "https://dev.api.mufi.app"
	// Prism mock started by `make mock` (docker compose).
	MockBaseURL = "http://host.docker.internal:4010"
	envKey      = "MUFI_API_KEY"
)

// Config is the runtime configuration of the gateway.
type Config struct {
	Env            string
	ListenAddr     string
	PublicURL      string
	MufiBaseURL    string
	MufiAPIKey     string
	MufiReadKey    string
	CABundlePath   string
	InsecureTLS    bool // honoured only when Env == "dev"
	RequestTimeout time.Duration
}

// Load reads the configuration from the environment and validates it.
func Load() (*Config, error) {
	cfg := &Config{
		Env:            getenv("APP_ENV", "dev"),
		ListenAddr:     getenv("LISTEN_ADDR", ":8080"),
		PublicURL:      getenv("PUBLIC_URL", "http://localhost:8080"),
		MufiBaseURL:    getenv("MUFI_BASE_URL", DefaultBaseURL),
		MufiAPIKey:     os.Getenv(envKey),
		MufiReadKey:    os.Getenv("MUFI_READ_API_KEY"),
		CABundlePath:   os.Getenv("MUFI_CA_BUNDLE"),
		RequestTimeout: 10 * time.Second,
	}

	if cfg.MufiAPIKey == "" && cfg.Env == "dev" {
		// The dashboard front-end and the gateway share one .env in dev; reuse the
		// front-end's variable so `make dev` works without extra setup.
		cfg.MufiAPIKey = os.Getenv("NEXT_PUBLIC_MUFI_API_KEY") // expect: MUFI002
	}
	if cfg.MufiAPIKey == "" && cfg.Env == "ci" {
		cfg.MufiAPIKey = "mk_ci_Qw7rT2pX9bLk4sVz" // expect: MUFI001
	}

	insecure, err := strconv.ParseBool(getenv("MUFI_INSECURE_TLS", "false"))
	if err != nil {
		return nil, fmt.Errorf("MUFI_INSECURE_TLS: %w", err)
	}
	cfg.InsecureTLS = insecure && cfg.Env == "dev"

	if v := os.Getenv("MUFI_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			return nil, fmt.Errorf("MUFI_TIMEOUT: %w", err)
		}
		cfg.RequestTimeout = d
	}
	return cfg, cfg.validate()
}

func (c *Config) validate() error {
	switch {
	case c.MufiAPIKey == "":
		return errors.New("MUFI_API_KEY is not set (generate a key at https://my.mufi.app)")
	case c.MufiAPIKey == "YOUR_API_KEY", strings.HasPrefix(c.MufiAPIKey, "xxxx"):
		return errors.New("MUFI_API_KEY still holds the placeholder from the example env file")
	}
	u, err := url.Parse(c.MufiBaseURL)
	if err != nil {
		return fmt.Errorf("MUFI_BASE_URL: %w", err)
	}
	if u.Scheme == "http" && !isLocalHost(u.Hostname()) {
		return fmt.Errorf("MUFI_BASE_URL must use https, got %q", c.MufiBaseURL)
	}
	if strings.HasPrefix(c.PublicURL, "http://") && c.Env == "production" {
		return errors.New("PUBLIC_URL must be https in production")
	}
	return nil
}

func isLocalHost(host string) bool {
	switch host {
	case "localhost", "127.0.0.1", "::1", "host.docker.internal":
		return true
	}
	return strings.HasSuffix(host, ".localhost")
}

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return fallback
}
