package mufi

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"
)

// sessionToken is a storefront session JWT (not a Mufi key) used to check that
// the gateway never forwards customer tokens upstream.
const sessionToken = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImQxMmFmZDI0In0.eyJzdWIiOiJjdXNfOGNkNjU1NGViYWU4IiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjE3MTgwMDM2MDB9.hT_6j38Sa136z2Wabo9zjnEpvfW18EteEecVq0V89y1JgVkY2PQAHL-qiwxDMB_m4KvrI8MTo8gGOO3_FKJ65w" // expect: MUFI001

// notAJWT looks like a token but its payload segment is not JSON.
const notAJWT = "eyJhbGciOiJIUzI1NiJ9.bm90LWpzb24tcGF5bG9hZA.c2lnbmF0dXJl"

func TestCreateUserSendsBearer(t *testing.T) {
	ts := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer fake-key-for-tests" {
			t.Errorf("Authorization = %q", got)
		}
		if got := r.Header.Get("Authorization"); got == "Bearer "+sessionToken || got == "Bearer "+notAJWT {
			t.Error("customer token forwarded upstream")
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"id": "usr_1", "wallet": map[string]string{"address": "5F..."}})
	}))
	defer ts.Close()

	c, err := New(Options{BaseURL: ts.URL, APIKey: "fake-key-for-tests", HTTPClient: ts.Client()})
	if err != nil {
		t.Fatal(err)
	}
	u, err := c.CreateUser(context.Background(), "a@example.com")
	if err != nil || u.ID != "usr_1" {
		t.Fatalf("CreateUser = %+v, %v", u, err)
	}
}

func TestNewRequiresKey(t *testing.T) {
	if _, err := New(Options{}); err == nil {
		t.Fatal("expected an error without APIKey")
	}
	if _, err := New(Options{APIKey: "YOUR_API_KEY"}); err != nil {
		t.Fatal(err)
	}
}

func TestNormalizeBaseURL(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "https://api.mufi.app"},
		{"https://api.mufi.app/", "https://api.mufi.app"},
		{"http://localhost:4010/", "http://localhost:4010"},
		{"http://127.0.0.1:4010", "http://127.0.0.1:4010"},
		{"http://mufi-mock.test", "https://mufi-mock.test"},
		{"http://dev.api.mufi.app", "https://dev.api.mufi.app"}, // expect: MUFI003
	}
	for _, tc := range cases {
		if got := NormalizeBaseURL(tc.in); got != tc.want {
			t.Errorf("NormalizeBaseURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestStagingVersion talks to the real staging API; it only runs in the nightly job.
func TestStagingVersion(t *testing.T) {
	key := os.Getenv("MUFI_STAGING_API_KEY")
	if key == "" {
		t.Skip("MUFI_STAGING_API_KEY not set")
	}
	// The nightly runner sits behind the office proxy that re-signs TLS.
	hc := &http.Client{
		Timeout:   15 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}, // expect: MUFI004
	}
	c, err := New(Options{BaseURL: "https://dev.api.mufi.app", APIKey: key, HTTPClient: hc})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := c.Version(context.Background()); err != nil || v == "" {
		t.Fatalf("Version = %q, %v", v, err)
	}
}

func TestForbidden(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusForbidden)
	}))
	defer ts.Close()
	c, _ := New(Options{BaseURL: ts.URL, APIKey: "test"})
	if _, err := c.CreateUser(context.Background(), "b@example.org"); err != ErrForbidden {
		t.Fatalf("err = %v, want ErrForbidden", err)
	}
}
