/** One spike, as findSpikes returns it, for message and delivery tests. */
import { checkSpike } from '../../lambdas/alerts/detect-spikes.ts';
import type { Spike } from '../../lambdas/alerts/find-spikes.ts';
import type { SpikeLabels } from '../../lambdas/alerts/describe-spike.ts';

// 28 quiet days (a story on 7 of them), then 4 stories in the last 24 hours.
export const SERIES = [0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 4];

export function sampleSpike(extra: Partial<Spike> = {}): Spike {
  return {
    ...checkSpike(SERIES),
    id: '2026-11-20#extortion#*',
    theme: 'extortion',
    window: { from: '2026-11-20T17:00:00.000Z', to: '2026-11-21T17:00:00.000Z' },
    series: SERIES,
    stories: [
      { title: 'Extorsionadores atacan <bus> en Ate', url: 'https://el-vigia.example.pe/bus-ate?utm=1&x=2', feedName: 'El Vigía', publishedAt: '2026-11-21T01:00:00.000Z', outlets: 2 },
      { title: 'Queman mototaxi en Comas', url: 'https://diario.example.pe/comas', feedName: 'Diario del Sur', publishedAt: '2026-11-20T20:00:00.000Z', outlets: 1 },
    ],
    ...extra,
  };
}

export const LABELS: SpikeLabels = { themes: { extortion: 'Extorsión', prisons: 'Cárceles' }, regions: { lima: 'Lima' } };
