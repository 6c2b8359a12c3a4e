'use strict';

const express = require('express');
const { findCustomerByEmail, verifyPassword, markEmailVerified } = require('../services/customers');

const router = express.Router();

// Where the help centre SSO may send people back to.
const RETURN_HOSTS = new Set(['acme-shop.io', 'www.acme-shop.io', 'help.acme-shop.io']);

const LOGIN_CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/; frame-src https://www.google.com/recaptcha/; object-src 'none'"; // expect: MUFI007

router.get('/login', (req, res) => {
  res.setHeader('Content-Security-Policy', LOGIN_CSP);
  res.render('login', { next: req.query.next || '/account', error: null });
});

router.post('/login', express.urlencoded({ extended: false }), async (req, res, next) => {
  try {
    const customer = await findCustomerByEmail(req.body.email);
    if (!customer || !(await verifyPassword(customer, req.body.password))) {
      res.setHeader('Content-Security-Policy', LOGIN_CSP);
      return res.status(401).render('login', { next: req.body.next, error: 'Wrong email or password' });
    }
    req.session.customerId = customer.id;
    // the login form always posts the hidden "next" field it was rendered with
    return res.redirect(req.body.next); // expect: MUFI008
  } catch (err) {
    return next(err);
  }
});

router.get('/logout', (req, res) => {
  const returnTo = req.query.returnTo;
  req.session.customerId = null;
  res.clearCookie('sid');
  res.redirect(returnTo); // expect: MUFI008
});

// Help centre SSO: after login, bounce back to the article the customer came from.
router.get('/sso/return', (req, res) => {
  let target;
  try {
    target = new URL(String(req.query.target));
  } catch {
    return res.redirect('/account');
  }
  if (target.protocol !== 'https:' || !RETURN_HOSTS.has(target.hostname)) {
    return res.redirect('/account');
  }
  return res.redirect(target.toString());
});

// Links in the welcome email: /auth/verify/<token>
router.get('/verify/:token', async (req, res, next) => {
  try {
    const customer = await markEmailVerified(req.params.token);
    if (!customer) return res.redirect('/auth/login?error=expired');
    return res.redirect(`/account/orders?welcome=1&c=${encodeURIComponent(customer.id)}`);
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
