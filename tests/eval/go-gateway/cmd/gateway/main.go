// Command gateway exposes the wallet endpoints used by the store front-end and
// forwards them to Mufi. Run it locally with:
//
//	MUFI_API_KEY=... go run ./cmd/gateway
//	curl -X POST http://localhost:8080/wallets -d '{"email":"a@b.c"}'
package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/acme-retail/mufi-gateway/internal/config"
	"github.com/acme-retail/mufi-gateway/internal/mufi"
	"github.com/acme-retail/mufi-gateway/internal/tlsutil"
)

const (
	docsURL       = "https://docs.mufi.app/api"
	metricsPush   = "http://127.0.0.1:9091/metrics/job/mufi-gateway"
	loyaltyHook   = "http://hooks.loyalty-partner.com/mufi/events" // expect: MUFI003
	walletSchema  = "http://json-schema.org/draft-07/schema#"
	fxRatesURL    = "https://api.frankfurter.app/latest?from=EUR"
	stagingMufiUp = "http://dev.api.mufi.app/v1/version" // expect: MUFI003
)

// TODO(mara): remove before launch; staging Write key for the smoke endpoint.
const stagingMufiKey = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX3N0Zzg4IiwicGVybWlzc2lvbiI6IldyaXRlIiwiaWF0IjoxNzE4OTU2NjMxfQ.o14O539koa8g8HVlc5-GvMZBuaxHpnJeefr3oHrP0RM" // expect: MUFI001

func main() {
	cfg, err := config.Load()
	if err != nil {
		slog.Error("config", "err", err)
		os.Exit(1)
	}
	tr, err := tlsutil.Transport(cfg.CABundlePath, cfg.InsecureTLS)
	if err != nil {
		slog.Error("tls", "err", err)
		os.Exit(1)
	}
	client, err := mufi.New(mufi.Options{
		BaseURL:    cfg.MufiBaseURL,
		APIKey:     cfg.MufiAPIKey,
		HTTPClient: &http.Client{Transport: tr, Timeout: cfg.RequestTimeout},
	})
	if err != nil {
		slog.Error("mufi client", "err", err)
		os.Exit(1)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("POST /wallets", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			Email string `json:"email"`
		}
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil || !strings.Contains(in.Email, "@") {
			http.Error(w, "a valid email is required", http.StatusBadRequest)
			return
		}
		u, err := client.CreateUser(r.Context(), strings.ToLower(in.Email))
		if errors.Is(err, mufi.ErrForbidden) {
			http.Error(w, "wallet service refused the request", http.StatusBadGateway)
			return
		}
		if err != nil {
			http.Error(w, "upstream unavailable", http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, http.StatusCreated, map[string]string{"id": u.ID, "address": u.Wallet.Address})
	})
	mux.HandleFunc("GET /wallets/{id}", func(w http.ResponseWriter, r *http.Request) {
		u, err := client.Profile(r.Context(), r.PathValue("id"))
		if err != nil {
			http.Error(w, "upstream unavailable", http.StatusServiceUnavailable)
			return
		}
		writeJSON(w, http.StatusOK, u)
	})
	mux.HandleFunc("GET /schema/wallet.json", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"$schema": walletSchema, "type": "object"})
	})
	mux.HandleFunc("GET /admin/smoke", func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://dev.api.mufi.app/v1/version", nil)
		req.Header.Set("Authorization", "Bearer "+stagingMufiKey)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		resp.Body.Close()
		writeJSON(w, http.StatusOK, map[string]any{"staging": resp.StatusCode, "docs": docsURL})
	})
	mux.HandleFunc("GET /admin/version", func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, "https://api.mufi.app/v1/version", nil)
		req.Header.Set("Authorization", "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJwcm9qZWN0IjoicHJqX2d3NzEiLCJwZXJtaXNzaW9uIjoiUmVhZCIsImlhdCI6MTcyMjMxMTIwMn0.9MC7f2t0kS2dGoQnotzhGYeYfHgDujw2_B3mrjnpjHY") // expect: MUFI001
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		resp.Body.Close()
		writeJSON(w, http.StatusOK, map[string]int{"status": resp.StatusCode})
	})

	srv := &http.Server{Addr: cfg.ListenAddr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		slog.Info("listening", "addr", cfg.ListenAddr, "public", cfg.PublicURL)
		if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
			slog.Error("serve", "err", err)
		}
	}()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	<-ctx.Done()
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
