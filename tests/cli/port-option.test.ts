import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { parsePort, portArgument } from '../../bin/cli/port-option.ts';
import { UsageError } from '../../bin/cli/usage-error.ts';

describe('portArgument', () => {
  it.each([['0', 0], ['8080', 8080], ['65535', 65535]])('reads %s as port %i', (value, port) => {
    expect(portArgument(value, '--feeds-port')).toBe(port);
  });

  it.each(['abc', '70000', '-1', '80.5', '', ' 80'])('refuses "%s" with a UsageError naming the option it came from', (value) => {
    expect(() => portArgument(value, '--feeds-port')).toThrow(UsageError);
    expect(() => portArgument(value, '--feeds-port')).toThrow(`--feeds-port must be a whole number from 0 to 65535, not "${value}".`);
  });
});

describe('parsePort', () => {
  it('reads a port for commander', () => {
    expect(parsePort('4100')).toBe(4100);
  });

  it('refuses a non-port with commander’s InvalidArgumentError naming --port', () => {
    expect(() => parsePort('70000')).toThrow(InvalidArgumentError);
    expect(() => parsePort('70000')).toThrow('--port must be a whole number from 0 to 65535, not "70000".');
  });
});
