// Stands in for mnemonist's `lru-cache` in Lambda bundles (lib/bundling.ts,
// alias `mnemonist/lru-cache`). Its only importer is the AWS SDK's
// @aws-sdk/endpoint-cache: DynamoDB clients build one EndpointCache at
// construction for endpoint discovery (off unless AWS_ENABLE_ENDPOINT_DISCOVERY
// or `endpointDiscoveryEnabled` turns it on), which calls has, peek, get, set
// and clear. mnemonist (with obliterator, its iterator helpers) is ~7 KB of
// every DynamoDB bundle; this is the same least-recently-used cache over a Map,
// whose insertion order is the recency order: a read or write moves the key to
// the end, and a write past `capacity` evicts the first key.
// tests/lib/bundling.test.ts holds it to mnemonist's answers on random
// operation sequences.
export default class LRUCache {
  constructor(capacity) {
    if (typeof capacity !== 'number' || capacity <= 0) throw new Error('lru-cache: capacity should be positive number (lib/stubs/lru-cache.mjs).');
    this.capacity = capacity;
    this.map = new Map();
  }

  get size() {
    return this.map.size;
  }

  clear() {
    this.map.clear();
  }

  has(key) {
    return this.map.has(key);
  }

  /** The value without making the key the most recently used. */
  peek(key) {
    return this.map.get(key);
  }

  get(key) {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key);
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key, value) {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value);
  }
}
