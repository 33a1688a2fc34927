// What rss-parser takes from `entities` in Lambda bundles (lib/bundling.ts,
// plugin `entities-decode`): it calls decodeHTML only. Its `require` of the
// whole package would keep the encoder tables too (~14 KB).
export { decodeHTML } from 'entities/decode';
