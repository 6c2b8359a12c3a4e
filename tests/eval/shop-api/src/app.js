'use strict';

const express = require('express');
const helmet = require('helmet');
const cors = require('cors');
const cookieParser = require('cookie-parser');
const session = require('express-session');
const pinoHttp = require('pino-http');
const config = require('config');

const authRoutes = require('./routes/auth');
const publicRoutes = require('./routes/public');
const orderRoutes = require('./routes/orders');
const feedRoutes = require('./routes/feeds');
const legacyAdmin = require('./legacy-admin');
const { partnerCors, legacyWidgetCors } = require('./middleware/cors');

const app = express();
app.set('trust proxy', Number(process.env.TRUST_PROXY || 0));
app.set('view engine', 'ejs');
app.disable('x-powered-by');

const allowedOrigins = (process.env.CORS_ORIGINS || config.get('cors.origins').join(','))
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);

app.use(pinoHttp({ level: process.env.LOG_LEVEL || 'info' }));

// Storefront pages. The inline bootstrap script in layout.ejs is pinned by its hash;
// 'unsafe-inline' is only there for browsers too old to know hashes.
app.use(
  helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", 'https://js.stripe.com', "'sha256-3v2lTNvCOm2Lq+xYE2e1pkXyTuIkG7cyBgqNXhT9eLM='", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'", 'https://fonts.googleapis.com'],
        imgSrc: ["'self'", 'data:', 'https://cdn.acme-shop.io'],
        fontSrc: ["'self'", 'https://fonts.gstatic.com'],
        connectSrc: ["'self'", 'https://api.stripe.com'],
        frameSrc: ['https://js.stripe.com', 'https://hooks.stripe.com'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  }),
);

const corsOptions = {
  origin(origin, callback) {
    // same-origin navigations and server-to-server calls send no Origin header
    if (!origin || allowedOrigins.includes(origin)) return callback(null, true);
    return callback(new Error(`origin ${origin} is not allowed`));
  },
  credentials: true,
  maxAge: 600,
};

app.use(express.json({ limit: '200kb' }));
app.use(cookieParser());
app.use(
  session({
    name: 'sid',
    secret: process.env.SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { secure: process.env.NODE_ENV === 'production', sameSite: 'lax', httpOnly: true },
  }),
);

app.use('/auth', authRoutes);
app.use('/api/orders', cors(corsOptions), orderRoutes);
app.use('/public', publicRoutes);
app.use('/partners', partnerCors, require('./routes/partners'));
app.use('/widget/v1', legacyWidgetCors, require('./routes/widget-v1'));

// Price comparison feeds are fetched by aggregator sites from their browsers.
app.use('/feeds', cors({ origin: '*' }), feedRoutes); // expect: MUFI006

// Embeddable reviews widget (v2). Third-party scripts are loaded over any scheme,
// the agency's tag manager still serves some of them from plain hosts.
const widgetHelmet = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", 'http:', 'https:'], // expect: MUFI007
      imgSrc: ["'self'", 'data:', 'https:'],
      frameAncestors: ['*'],
    },
  },
  frameguard: false,
});
app.use('/widget/v2', widgetHelmet, require('./routes/widget-v2'));

// The 2019 admin (jQuery, inline onclick handlers everywhere) breaks under any CSP.
app.use('/legacy-admin', helmet({ contentSecurityPolicy: false }), legacyAdmin); // expect: MUFI007

app.get('/healthz', cors(), (req, res) => res.json({ ok: true, version: process.env.npm_package_version })); // expect: MUFI006

// Old marketing pages linked to /go?to=/some/page; keep those links working,
// but only for paths on this site.
app.get('/go', (req, res) => {
  const to = String(req.query.to || '');
  if (!to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) {
    return res.redirect('/');
  }
  return res.redirect(301, to);
});

app.use((err, req, res, next) => {
  req.log.error({ err }, 'unhandled error');
  res.status(err.status || 500).json({ error: 'internal_error' });
});

module.exports = app;
