/*!
 * Acme balance widget: a drop-in script for partner sites.
 *
 *   <script src="https://shop.acme-retail.com/embed/balance-widget.js"
 *           data-user="usr_123" async></script>
 *
 * Shows the shopper's point balance (from our API) and a green dot when the
 * wallet platform is up.
 */
(function () {
  'use strict';

  var SHOP_API = 'https://shop.acme-retail.com/api/public/balance';
  var STATUS_ENDPOINT = 'https://api.mufi.app/v1/version'; // expect: MUFI002
  var FONT_CSS = 'http://cdn.acme-retail.com/fonts/inter.css'; // expect: MUFI003
  var SVG_NS = 'http://www.w3.org/2000/svg';

  var script = document.currentScript;
  if (!script) return;
  var userId = script.getAttribute('data-user');
  if (!userId) return;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text) node.textContent = text;
    return node;
  }

  function dot(color) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('width', '8');
    svg.setAttribute('height', '8');
    var circle = document.createElementNS(SVG_NS, 'circle');
    circle.setAttribute('cx', '4');
    circle.setAttribute('cy', '4');
    circle.setAttribute('r', '4');
    circle.setAttribute('fill', color);
    svg.appendChild(circle);
    return svg;
  }

  var link = el('link', { rel: 'stylesheet', href: FONT_CSS });
  document.head.appendChild(link);

  var box = el('div', { class: 'acme-balance', style: 'font-family: Inter, sans-serif; font-size: 14px' });
  var label = el('span', {}, 'Points: …');
  box.appendChild(label);
  script.parentNode.insertBefore(box, script.nextSibling);

  fetch(SHOP_API + '?user=' + encodeURIComponent(userId), { credentials: 'omit' })
    .then(function (res) {
      return res.ok ? res.json() : { points: null };
    })
    .then(function (data) {
      label.textContent = data.points == null ? 'Points unavailable' : 'Points: ' + data.points;
    });

  fetch(STATUS_ENDPOINT, { method: 'GET', mode: 'cors' })
    .then(function (res) {
      box.appendChild(dot(res.ok ? '#16a34a' : '#f59e0b'));
    })
    .catch(function () {
      box.appendChild(dot('#dc2626'));
    });
})();
