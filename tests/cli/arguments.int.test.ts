/**
 * Bad arguments exit with status 2 and a message that names the argument and
 * the fix; these are refused before any database starts, so the spawned
 * command needs no Java.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { centinela } from './run-cli.ts';

describe('centinela arguments, spawned', { timeout: 120_000 }, () => {
  it('subscribers add reports every bad argument at once, naming each, and exits 2', async () => {
    const result = await centinela(['subscribers', 'add', 'bad-address', '--themes', 'mining', '--hour', '25']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('subscribers add: 3 arguments are not valid:');
    expect(result.stderr).toContain('  <email>: "bad-address" is not a valid email address.');
    expect(result.stderr).toContain('  --themes: unknown theme "mining". Valid themes: extortion, illegal_mining,');
    expect(result.stderr).toContain('  --hour: hour must be a whole number from 0 to 23, not "25".');
    expect(result.stderr).toContain('Write the address like ana@example.org. See `npx centinela subscribers add --help`.');
    expect(result.stdout).toBe('');
  });

  it('subscribers add --hour 25 alone exits 2 and names --hour', async () => {
    const result = await centinela(['subscribers', 'add', 'ana@example.org', '--hour', '25']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('one argument is not valid:\n  --hour: hour must be a whole number from 0 to 23, not "25".');
  });

  it('digest --since refuses a month 13 and a 30 February with the forms it accepts, exit 2', async () => {
    for (const day of ['2026-13-01', '2026-02-30']) {
      const result = await centinela(['digest', '--since', day]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `--since "${day}" is not a period; use 7d, 24h, 90m, 2w, a day like 2026-11-01 or an instant like 2026-11-01T08:00.`,
      );
    }
  });

  it('digest --period and --theme name the bad value and the valid ones, exit 2', async () => {
    const period = await centinela(['digest', '--period', 'monthly']);
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('--period must be daily or weekly, not "monthly".');
    const theme = await centinela(['digest', '--theme', 'mining']);
    expect(theme.code).toBe(2);
    expect(theme.stderr).toContain('digest: --theme "mining" is not a theme. Valid themes: extortion,');
  });

  it('subscribers update with no setting to change exits 2 and lists the settings, instead of printing "Updated"', async () => {
    const result = await centinela(['subscribers', 'update', 'ana@example.org']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'subscribers update: nothing to change for ana@example.org; give at least one of --themes, --regions, --countries, --cadence, --hour, --weekday, --lang, --min-score, --[no-]send-empty, --[no-]alerts or --resubscribe.',
    );
    expect(result.stdout).toBe('');
  });

  it('unsubscribe-server --port refuses a value that is not a port, naming --port, exit 2', async () => {
    for (const port of ['abc', '70000']) {
      const result = await centinela(['unsubscribe-server', '--port', port]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--port must be a whole number from 0 to 65535, not "${port}".`);
    }
  });

  it('alerts --k, --min-count and --now are bad arguments: exit 2 naming the option', async () => {
    const cases: Array<[string[], string]> = [
      [['--k', 'abc'], 'alerts: --k must be a positive number, not "abc".'],
      [['--min-count', 'x'], 'alerts: --min-count must be a positive whole number, not "x".'],
      [['--now', 'garbage'], 'alerts: --now must be an ISO instant like 2026-11-21T17:00:00Z, not "garbage".'],
    ];
    for (const [args, message] of cases) {
      const result = await centinela(['alerts', ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });

  it('demo --lang and --unsubscribe-port are checked before anything starts: exit 2 naming the option', async () => {
    const lang = await centinela(['demo', '--exit', '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('--lang must be "es" or "en", not "fr".');
    const port = await centinela(['demo', '--exit', '--unsubscribe-port', 'abc']);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--unsubscribe-port must be a whole number from 0 to 65535, not "abc".');
    expect(port.stdout).toBe('');
  });

  it('feeds check with no URL, or with a URL and --all, prints what to give and exits 2 (it printed nothing)', async () => {
    const none = await centinela(['feeds', 'check']);
    expect(none).toEqual({
      code: 2,
      stdout: '',
      stderr: 'centinela: feeds check: give a feed URL, or --all to check the whole list; e.g. feeds check https://insightcrime.org/feed/.\n',
    });
    const both = await centinela(['feeds', 'check', 'http://127.0.0.1:1/x.xml', '--all']);
    expect(both).toEqual({ code: 2, stdout: '', stderr: 'centinela: feeds check: give either a feed URL or --all, not both.\n' });
  });

  it('a feed list with a mistake exits 2 for poll, feeds and serve (poll\'s 1 means "no feed could be polled")', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centinela-bad-lists-'));
    const entry = (id: string) => `{ "id": "${id}", "name": "El Vigía", "url": "http://127.0.0.1:1/${id}.xml", "lang": "es" }`;
    const write = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const syntax = write('syntax.json', `[\n  ${entry('el-vigia')},\n]\n`);
    const duplicate = write('duplicate.json', `[${entry('el-vigia')}, ${entry('el-vigia')}]`);
    const empty = write('empty.json', '[]');
    const cases: Array<[string[], string]> = [
      [['poll', '--feeds', syntax], `centinela: --feeds ${syntax} is not valid JSON: line 3, column 1: Unexpected token ']'; fix the file (its format: docs/feeds.md, "The feed list").\n`],
      [['poll', '--feeds', duplicate], `centinela: --feeds ${duplicate}: feed list: feed "el-vigia": id is used by 2 entries; ids must be unique; fix the file (its format: docs/feeds.md, "The feed list").\n`],
      [['poll', '--feeds', empty], `centinela: --feeds ${empty}: the list is empty, so there is nothing to poll; add feeds to it (its format: docs/feeds.md, "The feed list"), or leave out --feeds to use the default list.\n`],
      [['feeds', '--feeds', duplicate], `centinela: --feeds ${duplicate}: feed list: feed "el-vigia": id is used by 2 entries; ids must be unique; fix the file (its format: docs/feeds.md, "The feed list").\n`],
      [['feeds', 'check', '--all', '--feeds', syntax], `centinela: --feeds ${syntax} is not valid JSON: line 3, column 1: Unexpected token ']'; fix the file (its format: docs/feeds.md, "The feed list").\n`],
      [['serve', '--feeds', syntax], `centinela: --feeds ${syntax} is not valid JSON: line 3, column 1: Unexpected token ']'; fix the file (its format: docs/feeds.md, "The feed list").\n`],
    ];
    for (const [args, stderr] of cases) {
      // The list is refused before any database starts: the data folder is never created.
      const result = await centinela([...args, '--data-dir', path.join(dir, 'data')]);
      expect({ args, ...result }).toEqual({ args, code: 2, stdout: '', stderr });
    }
    expect(existsSync(path.join(dir, 'data'))).toBe(false);
  });

  it('alerts --targets with invalid JSON exits 2, naming the file, line and column, never quoting its secrets', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centinela-bad-targets-'));
    const file = path.join(dir, 'alerts.json');
    writeFileSync(file, '{ "targets": [\n  { "id": "ops", "kind": "slack", "url": "https://hooks.example/T0/secret-token" },\n] }\n');
    const result = await centinela(['alerts', '--targets', file, '--data-dir', path.join(dir, 'data')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`centinela: alerts: ${path.relative(process.cwd(), file)} is not valid JSON: line 3, column 1: Unexpected token ']'; see docs/digests.md, "Alerts".\n`);
  });

  it('query --until alone, before the default --since, names the default and suggests a --since, exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'centinela-until-'));
    const result = await centinela(['query', '--until', '2026-11-10', '--data-dir', path.join(dir, 'data')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^error: --until 2026-11-10 is before the default start of the period \(--since 7d: \d+ \w+ \d{4}, \d\d:\d\d Lima\); give --since too, e\.g\. --since 2026-11-04 --until 2026-11-10\.\n/,
    );
    expect(result.stderr).not.toContain('must be before --until');
  });

  it('feeds chek suggests check, as commander does for the top-level commands, exit 2', async () => {
    const result = await centinela(['feeds', 'chek', 'http://127.0.0.1:1/x.xml']);
    expect(result).toEqual({ code: 2, stdout: '', stderr: "error: unknown command 'chek' for 'feeds'\n(Did you mean check?)\n(add --help for usage)\n" });
    const far = await centinela(['feeds', 'zzzz']);
    expect(far).toEqual({ code: 2, stdout: '', stderr: "error: unknown command 'zzzz' for 'feeds'\n(add --help for usage)\n" });
  });

  it('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    const result = await centinela(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('digest --help lists the local mail settings and the forms of --since', async () => {
    const result = await centinela(['digest', '--help']);
    expect(result.code).toBe(0);
    for (const setting of ['CENTINELA_FROM', 'CENTINELA_UNSUBSCRIBE_URL', 'SMTP_URL', 'CENTINELA_UNSUBSCRIBE_KEY', 'digest@centinela.invalid']) {
      expect(result.stdout).toContain(setting);
    }
    expect(result.stdout.replace(/\s+/g, " ")).toContain("--since <when> first Lima day of the period: a day (2026-11-20), 30d, 2w, 24h or an instant, as for `query`");
  });
});
