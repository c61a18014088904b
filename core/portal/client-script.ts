/**
 * The site's only script (assets/portal.js), plain ES2017 served as a file (the pages' policy runs
 * no inline script). It adds what HTML alone cannot, and the pages read the same without it:
 * - search and status filters over the tables marked `data-filterable`;
 * - the sha256 of an artifact computed in the browser against the signed manifest's digest: fetched
 *   from the site's own folder over http(s), or picked with a file input (pages opened from file://
 *   cannot fetch), with WebCrypto where the page is a secure context and a small JavaScript SHA-256
 *   elsewhere (plain-http hosts such as S3 website endpoints have no crypto.subtle).
 * It writes with textContent only: nothing it shows is parsed as HTML.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var K = [];
  var primes = 0;
  for (var c = 2; primes < 64; c++) {
    var prime = true;
    for (var d = 2; d * d <= c; d++) if (c % d === 0) { prime = false; break; }
    if (prime) K[primes++] = (Math.pow(c, 1 / 3) % 1) * 4294967296 | 0;
  }
  function rot(x, n) { return (x >>> n) | (x << (32 - n)); }
  function sha256js(bytes) {
    var H = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    var len = bytes.length, n = ((len + 72) >> 6) << 6, m = new Uint8Array(n), v = new DataView(m.buffer), w = new Uint32Array(64);
    m.set(bytes); m[len] = 0x80;
    v.setUint32(n - 8, Math.floor(len / 536870912)); v.setUint32(n - 4, (len << 3) >>> 0);
    for (var i = 0; i < n; i += 64) {
      for (var t = 0; t < 16; t++) w[t] = v.getUint32(i + t * 4);
      for (t = 16; t < 64; t++) w[t] = (w[t - 16] + (rot(w[t - 15], 7) ^ rot(w[t - 15], 18) ^ (w[t - 15] >>> 3)) + w[t - 7] + (rot(w[t - 2], 17) ^ rot(w[t - 2], 19) ^ (w[t - 2] >>> 10))) | 0;
      var a = H[0], b = H[1], c2 = H[2], d2 = H[3], e = H[4], f = H[5], g = H[6], h = H[7];
      for (t = 0; t < 64; t++) {
        var t1 = (h + (rot(e, 6) ^ rot(e, 11) ^ rot(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
        var t2 = ((rot(a, 2) ^ rot(a, 13) ^ rot(a, 22)) + ((a & b) ^ (a & c2) ^ (b & c2))) | 0;
        h = g; g = f; f = e; e = (d2 + t1) | 0; d2 = c2; c2 = b; b = a; a = (t1 + t2) | 0;
      }
      H[0] = (H[0] + a) | 0; H[1] = (H[1] + b) | 0; H[2] = (H[2] + c2) | 0; H[3] = (H[3] + d2) | 0;
      H[4] = (H[4] + e) | 0; H[5] = (H[5] + f) | 0; H[6] = (H[6] + g) | 0; H[7] = (H[7] + h) | 0;
    }
    return H.map(function (x) { return ('0000000' + (x >>> 0).toString(16)).slice(-8); }).join('');
  }
  function sha256(buffer) {
    if (window.crypto && window.crypto.subtle && window.isSecureContext) {
      return window.crypto.subtle.digest('SHA-256', buffer).then(function (d) {
        return Array.prototype.map.call(new Uint8Array(d), function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
      });
    }
    return Promise.resolve(sha256js(new Uint8Array(buffer)));
  }
  window.maestroPortal = { sha256: sha256, sha256js: sha256js };
  function all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  all('[data-filters]').forEach(function (box) {
    var table = document.getElementById(box.getAttribute('data-filters'));
    if (!table || !table.tBodies[0]) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var text = box.querySelector('[data-filter-text]'), status = box.querySelector('[data-filter-status]'), count = box.querySelector('[data-filter-count]');
    function apply() {
      var q = text.value.trim().toLowerCase(), s = status ? status.value : '', shown = 0;
      rows.forEach(function (row) {
        var keep = (!q || row.textContent.toLowerCase().indexOf(q) >= 0) && (!s || row.getAttribute('data-status') === s);
        row.hidden = !keep;
        if (keep) shown++;
      });
      count.textContent = shown + ' of ' + rows.length + ' rows shown';
    }
    text.addEventListener('input', apply);
    if (status) status.addEventListener('change', apply);
    box.hidden = false;
  });

  function judge(row, got) {
    var want = row.getAttribute('data-sha256');
    var out = row.querySelector('[data-digest-result]');
    var ok = got === want;
    out.className = ok ? 'digest-ok' : 'digest-bad';
    out.textContent = ok ? '\u2713 sha256 matches the signed manifest' : '\u2717 sha256 is ' + got + '; the signed manifest says ' + want;
    return ok;
  }
  all('[data-digest-fetch]').forEach(function (button) {
    var row = button.closest('tr'), url = row.getAttribute('data-href'), out = row.querySelector('[data-digest-result]');
    if (!url) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      if (location.protocol === 'file:') {
        out.className = 'digest-bad';
        out.textContent = 'A page opened from a file cannot read other files: download the file and pick it with the file box above the table.';
        return;
      }
      out.className = '';
      out.textContent = 'Reading\u2026';
      fetch(url, { cache: 'no-store', credentials: 'omit' })
        .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.arrayBuffer(); })
        .then(sha256)
        .then(function (got) { judge(row, got); })
        .catch(function (e) { out.className = 'digest-bad'; out.textContent = 'Could not read the file (' + e.message + '): download it and pick it with the file box above the table.'; });
    });
  });
  all('[data-digest-pick]').forEach(function (input) {
    var box = input.closest('[data-digest-pick-box]'), out = box.querySelector('[data-digest-out]');
    var rows = all('tr[data-sha256]');
    box.hidden = false;
    input.addEventListener('change', function () {
      out.textContent = '';
      Array.prototype.forEach.call(input.files, function (file) {
        var line = document.createElement('p');
        line.textContent = file.name + ': reading\u2026';
        out.appendChild(line);
        file.arrayBuffer().then(sha256).then(function (got) {
          var named = rows.filter(function (r) { var p = r.getAttribute('data-path'); return p === file.name || p.slice(p.lastIndexOf('/') + 1) === file.name; });
          var same = rows.filter(function (r) { return r.getAttribute('data-sha256') === got; });
          if (same.length > 0) {
            same.forEach(function (r) { judge(r, got); });
            line.className = 'digest-ok';
            line.textContent = '\u2713 ' + file.name + ' (sha256 ' + got + ') matches the signed manifest for ' + same.map(function (r) { return r.getAttribute('data-path'); }).join(', ');
          } else if (named.length > 0) {
            named.forEach(function (r) { judge(r, got); });
            line.className = 'digest-bad';
            line.textContent = '\u2717 ' + file.name + ' has sha256 ' + got + '; the signed manifest says ' + named.map(function (r) { return r.getAttribute('data-sha256') + ' for ' + r.getAttribute('data-path'); }).join(', ') + ': it is not the file that was published';
          } else {
            line.className = 'digest-bad';
            line.textContent = '\u2717 ' + file.name + ' (sha256 ' + got + ') matches no file of this page';
          }
        });
      });
    });
  });
}());
`;
