import { describe, expect, it } from 'vitest';
import { benchCorpus } from '../../bench/suites/tagging.ts';
import { createRegexTagger } from '../../lambdas/tagging/reference-matcher.ts';
import { loadTagger } from '../../lambdas/tagging/tagger.ts';
import gazetteer from '../../lambdas/tagging/gazetteer.json' with { type: 'json' };
import rules from '../../lambdas/tagging/themes.json' with { type: 'json' };

describe('createRegexTagger (the equivalence reference)', () => {
  const corpus = benchCorpus(42, 30);
  const engine = loadTagger();
  const reference = createRegexTagger(rules, gazetteer);

  it('gives the same tags, scores, hits, regions and language as the engine on the bench corpus', () => {
    const tagged = corpus.map((article) => engine.tag(article));
    expect(corpus.map((article) => reference.tag(article))).toEqual(tagged);
    // The comparison means something only if the corpus exercises the rules.
    expect(new Set(tagged.flatMap((t) => t.themes.map((x) => x.theme))).size).toBe(engine.themes.length);
    // The reference runs one RegExp per phrase, only on fields holding all of that phrase's words
    // (reference-matcher.ts): about 0.6 s of CPU for the 2,719 phrases of the rules of 2026-11-30.2,
    // against 5 s when it compiled and ran every RegExp on every field.
  }, 60_000);

  it('builds the same 4 KB corpus from the same seed', () => {
    expect(benchCorpus(7, 3)).toEqual(benchCorpus(7, 3));
    expect(benchCorpus(7, 3)).not.toEqual(benchCorpus(8, 3));
    expect(corpus.every((a) => a.text.length === 4096)).toBe(true);
  });
});
