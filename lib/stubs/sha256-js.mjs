// Stands in for the SDK's pure-JavaScript SHA-256 (`Sha256Js` in
// @smithy/core/checksum) in Lambda bundles (lib/bundling.ts, plugin
// `sha256-js`). On Node the SDK's `Sha256` is `Sha256Node`, which hashes with
// node:crypto and falls back to Sha256Js only when node:crypto has no SHA-256,
// which no Lambda Node.js runtime lacks (request signing needs it): 3.3 KB of
// every bundle that never runs.
export class Sha256Js {
  constructor() {
    throw new Error('Sha256Js is not bundled (lib/stubs/sha256-js.mjs): this runtime\'s node:crypto has no SHA-256, which the AWS SDK needs to sign requests');
  }
}
