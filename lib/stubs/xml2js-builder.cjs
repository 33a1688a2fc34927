// Stands in for xml2js's `./builder` module in Lambda bundles (lib/bundling.ts,
// plugin `xml2js-builder`): xml2js loads it for its Builder (writing XML);
// rss-parser, its only user here, calls the Parser only. The real module and
// its xmlbuilder dependency are never run by Centinela (~1.7 KB of poll-feed
// beyond the xmlbuilder stub it replaces).
'use strict';
class Builder {
  constructor() {
    throw new Error("xml2js's Builder is not bundled (lib/stubs/xml2js-builder.cjs): Centinela only parses XML");
  }
}
module.exports = { Builder };
