/**
 * `digest --send` as a user runs it: it refuses the options that only shape a
 * preview (before any database starts), and on a local data folder it sends a
 * weekly subscriber the week their scheduled run sends, not the 7 days before
 * today, and refuses a --since out of step with their weekday.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, limaDay } from '../../lambdas/model/lima-time.ts';
import { scheduledPeriod, weekdayOfDay } from '../../lambdas/digest/period.ts';
import { WEEKDAYS, type Weekday } from '../../lambdas/subscribers/subscriber.ts';
import { centinela } from './run-cli.ts';

const LOCAL_MAIL = { SMTP_URL: undefined, CENTINELA_FROM: undefined, CENTINELA_UNSUBSCRIBE_URL: undefined };

describe('digest --send, spawned', { timeout: 240_000 }, () => {
  let dataDir: string;
  let outbox: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'centinela-send-'));
    outbox = path.join(dataDir, 'outbox');
  });

  it('refuses --theme with --send, naming it, exit 2, before anything is sent', async () => {
    const result = await centinela(['digest', '--send', '--subscriber', 'pepe@example.pe', '--theme', 'extortion', '--since', '2026-11-21', '--data-dir', dataDir], LOCAL_MAIL);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "centinela: digest --send: --theme only shapes a preview; --send sends each subscriber's own digest (their themes, regions and countries). " +
        'Drop --theme to send, or preview without --send; to change what a subscriber gets, use `centinela subscribers update EMAIL --themes …`.\n',
    );
    expect(result.stdout).toBe('');
  });

  it("sends a weekly subscriber the week their own weekday's run sends, and refuses a --since out of step with it", async () => {
    // The subscriber's weekday is three days ago, so "the 7 days before today" would be the wrong week.
    const weekday = weekdayOfDay(addDays(limaDay(new Date()), -3)) as Weekday;
    const added = await centinela(['subscribers', 'add', 'luis@example.org', '--cadence', 'weekly', '--weekday', WEEKDAYS[weekday - 1]!, '--send-empty', '--data-dir', dataDir]);
    expect(added.code).toBe(0);

    const expected = scheduledPeriod({ cadence: 'weekly', weekday }, new Date());
    const sent = await centinela(['digest', '--send', '--subscriber', 'luis@example.org', '--outbox', outbox, '--data-dir', dataDir], LOCAL_MAIL);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(new RegExp(`luis@example\\.org +${expected.key} +sent `));
    expect(expected.days.at(-1)).toBe(addDays(limaDay(new Date()), -4));

    const offStep = addDays(expected.days[0]!, 1);
    const refused = await centinela(['digest', '--send', '--subscriber', 'luis@example.org', '--since', offStep, '--outbox', outbox, '--data-dir', dataDir], LOCAL_MAIL);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`luis@example.org (weekly:${offStep}): a weekly digest sent on `);
    expect(refused.stderr).toContain(`use ${expected.days[0]} or ${addDays(expected.days[0]!, 7)}`);
  });
});
