package web

import (
	"net/http"
)

// SecurityHeaders sets the defaults for every response; handlers may override them.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; script-src 'self' https://js.stripe.com; frame-src https://js.stripe.com; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		next.ServeHTTP(w, r)
	})
}

var partnerOrigins = map[string]bool{
	"https://shop.nordkaffee.de": true,
	"https://store.lumenlabs.io": true,
	"https://www.velotraum.shop": true,
}

// PartnerCORS lets registered partner shops read a cart with the shopper's cookie.
func PartnerCORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); partnerOrigins[origin] {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			w.Header().Add("Vary", "Origin")
		}
		next.ServeHTTP(w, r)
	})
}

// EmbedScript serves the cart loader that any shop can include with a <script> tag.
// It is fetched with credentials so that the cart count is right.
func EmbedScript(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin")) // expect: MUFI006
	w.Header().Set("Access-Control-Allow-Credentials", "true")
	w.Header().Set("Content-Type", "application/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	http.ServeFile(w, r, "static/embed/cart.js")
}

// LegacyPayPage renders the 2020 hosted payment page (3-D Secure in an iframe from
// whichever ACS the card issuer uses; the gateway's loader is inlined as a data: URL).
func LegacyPayPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self' data: https://cdn.paylane-gateway.com; frame-src *") // expect: MUFI007
	renderLegacyPay(w, r)
}

func StatusBadge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "image/svg+xml")
	w.Header().Set("Cache-Control", "no-cache")
	_, _ = w.Write(statusSVG(currentStatus()))
}
