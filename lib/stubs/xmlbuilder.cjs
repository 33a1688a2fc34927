// Stands in for the npm package xmlbuilder in Lambda bundles (lib/bundling.ts):
// xml2js, under rss-parser, loads it for its Builder (writing XML), which
// Centinela never uses; the real package is 67 KB of the poll-feed bundle.
'use strict';
function unavailable() {
  throw new Error('xmlbuilder is not bundled (lib/stubs/xmlbuilder.cjs): Centinela only parses XML');
}
module.exports = { create: unavailable, begin: unavailable, stringWriter: unavailable, streamWriter: unavailable };
