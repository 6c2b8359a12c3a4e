package main

import (
	"errors"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/rs/cors"

	"github.com/brightcart/checkout/internal/web"
)

func getenv(key, fallback string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return fallback
}

func main() {
	logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
	origins := strings.Split(getenv("CORS_ALLOWED_ORIGINS", "https://checkout.brightcart.co"), ",")

	api := cors.New(cors.Options{
		AllowedOrigins:   origins,
		AllowedMethods:   []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders:   []string{"Authorization", "Content-Type"},
		AllowCredentials: true,
		MaxAge:           600,
	})

	// The status badge is an <img> on partner sites, fetched by their JS for the tooltip.
	badge := cors.New(cors.Options{
		AllowedOrigins: []string{"*"}, // expect: MUFI006
		AllowedMethods: []string{http.MethodGet},
		AllowedHeaders: []string{"*"},
	})

	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.RealIP, middleware.Recoverer)
	r.Use(web.SecurityHeaders)

	r.Group(func(r chi.Router) {
		r.Use(api.Handler)
		r.Post("/api/checkout", web.Checkout)
		r.Get("/api/orders/{id}", web.Order)
	})
	r.Group(func(r chi.Router) {
		r.Use(web.PartnerCORS)
		r.Get("/partners/cart/{id}", web.PartnerCart)
	})
	r.With(badge.Handler).Get("/badge/status.svg", web.StatusBadge)
	r.Get("/embed/cart.js", web.EmbedScript)
	r.Get("/pay/legacy/{id}", web.LegacyPayPage)
	r.Get("/login", web.LoginPage)
	r.Post("/login", web.Login)
	r.Get("/logout", web.Logout)
	r.Get("/continue", web.Continue)
	r.Get("/o/{id}", web.OrderShortcut)

	srv := &http.Server{
		Addr:              ":" + getenv("PORT", "8080"),
		Handler:           r,
		ReadHeaderTimeout: 5 * time.Second,
	}
	logger.Info("listening", "addr", srv.Addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
