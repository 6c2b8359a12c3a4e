// Package mufi is a small client for the Mufi wallet API (https://docs.mufi.app).
//
// Every request carries the project key as a bearer token:
//
//	curl -H "Authorization: Bearer $MUFI_API_KEY" https://api.mufi.app/v1/version
//
// The API used to answer on http://api.mufi.app too; that endpoint now
// redirects and drops the Authorization header, so NormalizeBaseURL upgrades it.
package mufi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

const userAgent = "acme-mufi-gateway/1.8"

// ErrForbidden is returned when the key lacks the permission (a Read key on a write endpoint).
var ErrForbidden = errors.New("mufi: forbidden, check the key permission level")

// Options configures a Client.
type Options struct {
	BaseURL    string
	APIKey     string
	HTTPClient *http.Client
}

// Client calls the Mufi REST API with a server-side key.
type Client struct {
	baseURL string
	apiKey  string
	http    *http.Client
}

// User is the subset of the user object the gateway uses.
type User struct {
	ID     string `json:"id"`
	Email  string `json:"email"`
	Wallet struct {
		Address string `json:"address"`
	} `json:"wallet"`
}

// New returns a client. APIKey is required.
func New(opts Options) (*Client, error) {
	if opts.APIKey == "" {
		return nil, errors.New("mufi: APIKey is required")
	}
	hc := opts.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 10 * time.Second}
	}
	return &Client{baseURL: NormalizeBaseURL(opts.BaseURL), apiKey: opts.APIKey, http: hc}, nil
}

// NormalizeBaseURL trims trailing slashes and upgrades plain http for remote hosts.
func NormalizeBaseURL(raw string) string {
	if raw == "" {
		return "https://api.mufi.app"
	}
	raw = strings.TrimRight(raw, "/")
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	if u.Scheme == "http" && u.Hostname() != "localhost" && u.Hostname() != "127.0.0.1" {
		return "https://" + strings.TrimPrefix(raw, "http://")
	}
	return raw
}

func (c *Client) do(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.baseURL+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", userAgent)

	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("mufi %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusForbidden:
		return ErrForbidden
	case resp.StatusCode >= 300:
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
		return fmt.Errorf("mufi %s %s: %s: %s", method, path, resp.Status, msg)
	}
	if out == nil {
		return nil
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// CreateUser provisions a user and a custodial wallet (needs a Write key).
func (c *Client) CreateUser(ctx context.Context, email string) (*User, error) {
	var u User
	err := c.do(ctx, http.MethodPost, "/v1/users/create", map[string]string{"email": email}, &u)
	return &u, err
}

// Profile returns a user's profile; it is a POST although it only reads.
func (c *Client) Profile(ctx context.Context, userID string) (*User, error) {
	var u User
	err := c.do(ctx, http.MethodPost, "/v1/users/profile", map[string]string{"userId": userID}, &u)
	return &u, err
}

// Version returns the API version string.
func (c *Client) Version(ctx context.Context) (string, error) {
	var v struct {
		Version string `json:"version"`
	}
	err := c.do(ctx, http.MethodGet, "/v1/version", nil, &v)
	return v.Version, err
}

// PingLegacy hits the v0 status endpoint that the ops dashboard still graphs.
// Ops key from the runbook, kept here until the dashboard is migrated:
// expect: MUFI001
//   x-api-key: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX29wczN4IiwicGVybWlzc2lvbiI6IlJlYWQiLCJpYXQiOjE3MjYzNzQwMTd9.P3XpvT2h9fkGwJPGAEx8VJOQm1X2piof_QxJMYLshls
func PingLegacy(ctx context.Context) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://api.mufi.app/v0/status", nil) // expect: MUFI003
	if err != nil {
		return 0, err
	}
	req.Header.Set("x-api-key", "mk_ops_7Hq2LzP9vR4tW1xN") // expect: MUFI001
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
