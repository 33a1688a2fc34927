/**
 * `centinela digest | head -2`: when the reader closes the pipe, the next
 * write fails with EPIPE. The command must end quietly (exit 0), not print
 * Node's "Unhandled 'error' event" stack trace and exit 1.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { exitQuietlyOnClosedPipe, ignoreClosedPipe } from '../../bin/cli/output.ts';

describe('exitQuietlyOnClosedPipe', () => {
  it('exits 0 when a write finds the pipe closed by its reader (a real EPIPE)', async () => {
    // A reader (like `head`) that closes its end of the pipe and says so, then lingers.
    const reader = spawn(process.execPath, ['-e', "require('fs').closeSync(0); console.log('closed'); setTimeout(() => {}, 5000)"], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    try {
      await once(reader.stdout, 'data');
      const codes: number[] = [];
      exitQuietlyOnClosedPipe(reader.stdin, (code) => codes.push(code));
      reader.stdin.write('first line of a digest\n');
      await once(reader.stdin, 'error');
      expect(codes).toEqual([0]);
    } finally {
      reader.kill();
    }
  });

  it('rethrows any other stream error', () => {
    const stream = new PassThrough();
    exitQuietlyOnClosedPipe(stream, () => {
      throw new Error('must not exit');
    });
    const disk = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    expect(() => stream.emit('error', disk)).toThrow('no space left on device');
  });
});

describe('exitQuietlyOnClosedPipe and the command’s own exit status', () => {
  it('exits with the status the command has set, not 0', () => {
    const stream = new PassThrough();
    const codes: number[] = [];
    exitQuietlyOnClosedPipe(stream, (code) => codes.push(code));
    const before = process.exitCode;
    process.exitCode = 3;
    try {
      stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    } finally {
      process.exitCode = before;
    }
    expect(codes).toEqual([3]);
  });
});

describe('ignoreClosedPipe (stderr)', () => {
  it('swallows EPIPE so the command runs on', () => {
    const stream = new PassThrough();
    ignoreClosedPipe(stream);
    expect(() => stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
  });

  it('rethrows any other stream error', () => {
    const stream = new PassThrough();
    ignoreClosedPipe(stream);
    const disk = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    expect(() => stream.emit('error', disk)).toThrow('no space left on device');
  });
});
