/**
 * The themes (id, Spanish and English label and description) and regions (id,
 * name) of the rules shipped with Centinela, for the functions that list or
 * filter by them but never tag: web, send-digests, check-alerts.
 *
 * Read straight from the bundled data files, not by building the tagger:
 * validating and compiling the rules brings the matching engine and zod into
 * a bundle (~120 KB) that only needs names. The values are those of
 * `loadTagger().themes` and `.regions` (tests/handlers/bundled-catalog.test.ts
 * compares them); the rules are validated where they are compiled (poll-feed,
 * the CLI, and tests/tagging on every run).
 */
import gazetteer from '../tagging/gazetteer.json' with { type: 'json' };
import rules from '../tagging/themes.json' with { type: 'json' };
import type { RegionInfo, ThemeInfo } from '../tagging/tagger.ts';
import { once } from './env.ts';

export interface BundledCatalog {
  themes: ThemeInfo[];
  regions: RegionInfo[];
}

/** Built on first use, kept for the container's lifetime; in the files' order. */
export const bundledCatalog = once(
  (): BundledCatalog => ({
    themes: rules.themes.map(({ id, label, description }) => ({ id, label: { ...label }, description: { ...description } })),
    regions: gazetteer.regions.map(({ id, name }) => ({ id, name })),
  }),
);
