import { describe, expect, it } from 'vitest';
import { startFailureHint } from '../../bin/local/dynamodb-local.ts';

// What OpenJDK 17 prints when JAVA_TOOL_OPTIONS holds an option it does not know (java -version, 2026-12-01).
const REFUSED = "Picked up JAVA_TOOL_OPTIONS: -XX:+Foo\nUnrecognized VM option 'Foo'\nError: Could not create the Java Virtual Machine.";

describe('startFailureHint', () => {
  it('points at JAVA_TOOL_OPTIONS, with its value, when Java refused options from the environment', () => {
    const hint = startFailureHint(REFUSED, { value: '-XX:+Foo', fromEnvironment: true });
    expect(hint).toBe('Java refused the options in JAVA_TOOL_OPTIONS ("-XX:+Foo"): fix or unset JAVA_TOOL_OPTIONS, then run the command again.');
  });

  it('says how to install Java 17 when Java refused the options Centinela gave it', () => {
    expect(startFailureHint(REFUSED, { value: '-Xmx256m', fromEnvironment: false })).toContain('needs Java 17 or newer');
  });

  it('says how to install Java 17 when an old Java cannot load the jar', () => {
    const output = 'Error: LinkageError occurred while loading main class\n  java.lang.UnsupportedClassVersionError: class file version 61.0';
    expect(startFailureHint(output, { value: '-Xmx1g', fromEnvironment: true })).toContain('apt-get install -y openjdk-17-jre-headless');
  });
});
