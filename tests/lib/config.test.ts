import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../lib/config.ts';

const required = { senderEmail: 'digests@example.org', ownerEmail: 'owner@example.org' };

function problemsOf(raw: Record<string, unknown>): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('needs only the two addresses and fills in the defaults', () => {
    expect(parseConfig(required)).toEqual({
      ...required,
      pollSchedule: 'rate(15 minutes)',
      digestSchedule: 'cron(0 * * * ? *)',
      timezone: 'America/Lima',
      retentionDays: 400,
      logRetentionDays: 30,
      pollConcurrency: 2,
      reservedConcurrency: true,
      feedList: undefined,
    });
  });

  it('names a missing setting and shows the flag to pass', () => {
    expect(problemsOf({ senderEmail: 'digests@example.org' })).toEqual([
      'context key "ownerEmail" is required: pass -c ownerEmail=you@example.org to cdk (or set it under "context" in cdk.json)',
    ]);
  });

  it('names each bad setting with the value it got', () => {
    const problems = problemsOf({ ...required, senderEmail: 'nobody', pollSchedule: 'every 15 minutes', logRetentionDays: '10', timezone: 'Lima' });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^context key "senderEmail" must be an email address \(got "nobody"\): pass -c senderEmail=/);
    expect(problems.join('\n')).toMatch(/"pollSchedule" must be an EventBridge Scheduler expression/);
    expect(problems.join('\n')).toMatch(/"logRetentionDays" must be one of 1, 3, 5/);
    expect(problems.join('\n')).toMatch(/"timezone" must be an IANA time zone/);
  });

  it('reads string values from -c flags', () => {
    const config = parseConfig({ ...required, retentionDays: '30', pollConcurrency: '4', reservedConcurrency: 'false' });
    expect(config).toMatchObject({ retentionDays: 30, pollConcurrency: 4, reservedConcurrency: false });
  });

  it('validates a custom feed list with the feed list rules, naming the entry', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centinela-config-'));
    writeFileSync(path.join(dir, 'good.json'), JSON.stringify([{ id: 'ojo', name: 'Ojo', url: 'https://ojo-publico.com/feed', lang: 'es' }]));
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify([{ id: 'Ojo Público', name: 'Ojo', url: 'ftp://x', lang: 'es' }]));
    expect(parseConfig({ ...required, feedList: 'good.json' }, dir).feedList?.feeds.map((f) => f.id)).toEqual(['ojo']);
    const [problem] = problemsOf({ ...required, feedList: path.join(dir, 'bad.json') });
    expect(problem).toMatch(/context key "feedList": .*bad\.json: feed list: feed #1 \("Ojo Público"\): id must be lower-case/);
    expect(problemsOf({ ...required, feedList: path.join(dir, 'missing.json') })[0]).toMatch(/cannot read .*missing\.json as JSON/);
  });
});
