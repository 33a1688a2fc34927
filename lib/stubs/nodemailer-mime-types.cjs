// Stands in for nodemailer/lib/mime-funcs/mime-types.js in Lambda bundles
// (lib/bundling.ts, plugin `nodemailer-mime-types`). nodemailer looks a type
// up in that table only for a part or attachment given without a contentType;
// Centinela's composer (lambdas/mail/compose-mime.ts) names text/plain and
// text/html itself and attaches nothing, so the 74 KB table (about 1,000
// extensions and types) is never read. This keeps the same two functions and
// their defaults, with the types a mail of Centinela could carry.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS stand-in for a CommonJS file; path.parse as nodemailer uses it
const path = require('path');

const defaultMimeType = 'application/octet-stream';
const defaultExtension = 'bin';
/** Extension → type, as in nodemailer's table for these entries. */
const extensions = new Map([
  ['txt', 'text/plain'],
  ['html', 'text/html'],
  ['htm', 'text/html'],
  ['css', 'text/css'],
  ['csv', 'text/csv'],
  ['ics', 'text/calendar'],
  ['json', 'application/json'],
  ['pdf', 'application/pdf'],
  ['png', 'image/png'],
  ['jpg', 'image/jpeg'],
  ['jpeg', 'image/jpeg'],
  ['gif', 'image/gif'],
  ['svg', 'image/svg+xml'],
  ['webp', 'image/webp'],
  ['eml', 'message/rfc822'],
  ['bin', 'application/octet-stream'],
]);
/** Type → extension, as in nodemailer's table for these entries. */
const mimeTypes = new Map([
  ['text/plain', 'txt'],
  ['text/html', 'html'],
  ['text/css', 'css'],
  ['text/csv', 'csv'],
  ['text/calendar', 'ics'],
  ['application/json', 'json'],
  ['application/pdf', 'pdf'],
  ['image/png', 'png'],
  ['image/jpeg', 'jpeg'],
  ['image/gif', 'gif'],
  ['image/svg+xml', 'svg'],
  ['image/webp', 'webp'],
  ['message/rfc822', 'eml'],
]);

// The two functions below are nodemailer's own (8.0.9), over the smaller maps.
module.exports = {
  detectMimeType(filename) {
    if (!filename) return defaultMimeType;
    const parsed = path.parse(filename);
    const extension = (parsed.ext.substr(1) || parsed.name || '').split('?').shift().trim().toLowerCase();
    const value = extensions.has(extension) ? extensions.get(extension) : defaultMimeType;
    return Array.isArray(value) ? value[0] : value;
  },
  detectExtension(mimeType) {
    if (!mimeType) return defaultExtension;
    const parts = (mimeType || '').toLowerCase().trim().split('/');
    const rootType = parts.shift().trim();
    const subType = parts.join('/').trim();
    if (mimeTypes.has(rootType + '/' + subType)) {
      const value = mimeTypes.get(rootType + '/' + subType);
      return Array.isArray(value) ? value[0] : value;
    }
    return rootType === 'text' ? 'txt' : 'bin';
  },
};
