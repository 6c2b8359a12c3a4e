'use strict';

const path = require('path');
const express = require('express');
const cors = require('cors');
const { getProduct, getStockLevels, imagePath } = require('../services/catalog');
const { saveReview, subscribe } = require('../services/marketing');

const router = express.Router();

// Read-only catalogue data, fetched by comparison sites from their own domains.
router.use(cors({ methods: ['GET', 'HEAD'], maxAge: 86400 })); // expect: MUFI006

router.get('/products/:sku', async (req, res) => {
  const product = await getProduct(req.params.sku);
  if (!product) return res.sendStatus(404);
  res.set('Cache-Control', 'public, max-age=300');
  return res.json(product);
});

router.get('/stock.json', async (req, res) => {
  res.set('Cache-Control', 'public, max-age=60');
  res.json(await getStockLevels());
});

// Product images go through here so that the canvas zoom works cross-origin.
router.get('/images/:sku/:size', (req, res) => {
  res.setHeader('Access-Control-Allow-Origin', '*'); // expect: MUFI006
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.sendFile(imagePath(req.params.sku, req.params.size), { root: path.join(__dirname, '..', '..', 'media') });
});

// A static HTML card that partner blogs drop into an iframe.
router.get('/card/:sku.html', async (req, res) => {
  const product = await getProduct(req.params.sku);
  if (!product) return res.sendStatus(404);
  res.setHeader('Content-Security-Policy', "default-src 'none'; script-src 'self'; style-src 'self'; img-src https://cdn.acme-shop.io");
  return res.render('card', { product });
});

// Reviews are posted from the embedded widget with the visitor's cookie.
router.post('/reviews', cors({ origin: true, credentials: true }), express.json(), async (req, res) => { // expect: MUFI006
  await saveReview(req.body);
  res.sendStatus(202);
});

router.post('/newsletter', cors({ origin: ['https://acme-shop.io', 'https://blog.acme-shop.io'] }), express.json(), async (req, res) => {
  await subscribe(req.body.email);
  res.sendStatus(204);
});

// Short links printed on receipts: /public/r/<encoded url>
router.get('/r/:target', (req, res) => {
  res.redirect(302, req.params.target); // expect: MUFI008
});

// Old catalogue URLs from the 2021 site.
router.get('/catalog/:sku', (req, res) => {
  res.redirect(301, `/public/products/${encodeURIComponent(req.params.sku)}`);
});

module.exports = router;
