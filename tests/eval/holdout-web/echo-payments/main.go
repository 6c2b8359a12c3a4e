package main

import (
	"log/slog"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/acme/echo-payments/config"
	"github.com/acme/echo-payments/handlers"
)

func main() {
	cfg, err := config.Load(os.Getenv("APP_ENV"))
	if err != nil {
		slog.Error("load config", "err", err)
		os.Exit(1)
	}

	e := echo.New()
	e.HideBanner = true
	e.Use(middleware.Recover())
	e.Use(middleware.RequestID())
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection:         "0",
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		HSTSMaxAge:            63072000,
		ContentSecurityPolicy: "default-src 'self'; script-src 'self' https://js.stripe.com; frame-src https://js.stripe.com; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
	}))

	auth := &handlers.Auth{PublicHost: cfg.Server.PublicHost, Sessions: handlers.NewCookieSessions(cfg.Server.SessionKey)}
	e.POST("/login", auth.Login)
	e.GET("/logout", auth.Logout)
	e.GET("/continue", auth.Continue)
	e.GET("/checkout/:id/done", auth.CheckoutDone)

	api := e.Group("/api")
	api.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins:     cfg.CORS.AllowedOrigins,
		AllowCredentials: true,
		AllowMethods:     []string{http.MethodGet, http.MethodPost},
	}))
	api.GET("/payments/:id", handlers.GetPayment)

	// Receipts are embedded by merchants in their own order pages.
	receipts := e.Group("/receipts")
	receipts.Use(middleware.CORSWithConfig(middleware.CORSConfig{
		AllowOrigins: []string{"*"}, // expect: MUFI006
		AllowMethods: []string{http.MethodGet},
	}))
	receipts.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; frame-ancestors *") // expect: MUFI007
			return next(c)
		}
	})
	receipts.GET("/:id", handlers.RenderReceipt)

	slog.Info("listening", "addr", cfg.Server.Addr)
	if err := e.Start(cfg.Server.Addr); err != nil && err != http.ErrServerClosed {
		slog.Error("server stopped", "err", err)
		os.Exit(1)
	}
}
