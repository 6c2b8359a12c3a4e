package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

type Auth struct {
	PublicHost string
	Sessions   SessionStore
}

func (a *Auth) Login(c echo.Context) error {
	user, err := a.Sessions.Authenticate(c, c.FormValue("email"), c.FormValue("password"))
	if err != nil {
		return c.Render(http.StatusUnauthorized, "login.html", map[string]any{"Error": "invalid credentials"})
	}
	a.Sessions.Start(c, user.ID)

	if next := c.FormValue("next"); next != "" {
		return c.Redirect(http.StatusSeeOther, next) // expect: MUFI008
	}
	return c.Redirect(http.StatusSeeOther, "/dashboard")
}

func (a *Auth) Logout(c echo.Context) error {
	a.Sessions.Destroy(c)
	return c.Redirect(http.StatusSeeOther, c.QueryParam("return_to")) // expect: MUFI008
}

// Continue accepts relative paths and absolute URLs on our own host only.
func (a *Auth) Continue(c echo.Context) error {
	raw := c.QueryParam("next")
	u, err := url.Parse(raw)
	if err != nil || strings.HasPrefix(raw, "//") || (u.Host != "" && u.Host != a.PublicHost) || (u.Scheme != "" && u.Scheme != "https") {
		return c.Redirect(http.StatusSeeOther, "/dashboard")
	}
	return c.Redirect(http.StatusSeeOther, u.String())
}

func (a *Auth) CheckoutDone(c echo.Context) error {
	return c.Redirect(http.StatusFound, "/orders/"+url.PathEscape(c.Param("id")))
}
