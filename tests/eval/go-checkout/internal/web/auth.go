package web

import (
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"
)

var allowedReturnHosts = map[string]bool{
	"brightcart.co":      true,
	"www.brightcart.co":  true,
	"shop.nordkaffee.de": true,
	"store.lumenlabs.io": true,
}

func LoginPage(w http.ResponseWriter, r *http.Request) {
	renderLogin(w, r, loginView{Redirect: r.URL.Query().Get("redirect")})
}

func Login(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	user, err := authenticate(r.Context(), r.PostForm.Get("email"), r.PostForm.Get("password"))
	if err != nil {
		http.Redirect(w, r, "/login?error=1", http.StatusSeeOther)
		return
	}
	setSession(w, user)
	http.Redirect(w, r, r.FormValue("redirect"), http.StatusSeeOther) // expect: MUFI008
}

func Logout(w http.ResponseWriter, r *http.Request) {
	clearSession(w)
	http.Redirect(w, r, r.URL.Query().Get("next"), http.StatusFound) // expect: MUFI008
}

// Continue sends the shopper back to the partner shop after checkout.
func Continue(w http.ResponseWriter, r *http.Request) {
	target := r.URL.Query().Get("return_url")
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "https" || !allowedReturnHosts[u.Hostname()] {
		http.Redirect(w, r, "/", http.StatusFound)
		return
	}
	http.Redirect(w, r, u.String(), http.StatusFound)
}

// OrderShortcut keeps the short links from the 2022 SMS campaign working.
func OrderShortcut(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/orders/"+url.PathEscape(chi.URLParam(r, "id")), http.StatusMovedPermanently)
}
