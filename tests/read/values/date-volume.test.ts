import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { createDateParser, type DateParser } from '../../../src/read/values/date.js';

/**
 * The shape of a real half-hourly export: a million rows, a few thousand distinct timestamps.
 * The expected answers come from luxon formatting real instants in Europe/London, independently
 * of the parser: each distinct local text maps to the first instant that showed it, which is the
 * parser's documented rule for the repeated hour in October. Correctness only; no timing.
 */
function distinctLocalTimes(count: number, format: string): { texts: string[]; expected: Map<string, { iso: string; epochMs: number }> } {
  const expected = new Map<string, { iso: string; epochMs: number }>();
  let ms = Date.UTC(2023, 0, 1);
  while (expected.size < count) {
    const local = DateTime.fromMillis(ms, { zone: 'Europe/London' });
    const text = local.toFormat(format);
    if (!expected.has(text)) expected.set(text, { iso: local.toISODate()!, epochMs: ms });
    ms += 30 * 60_000;
  }
  return { texts: [...expected.keys()], expected };
}

function check(parse: DateParser, lookups: number, texts: readonly string[], expected: ReadonlyMap<string, { iso: string; epochMs: number }>): number {
  let seed = 7;
  let wrong = 0;
  for (let i = 0; i < lookups; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    // A fresh string each time, as a CSV reader hands over.
    const text = ` ${texts[seed % texts.length]!}`.slice(1);
    const r = parse(text);
    const want = expected.get(text)!;
    if (!r.ok || r.value === null || !r.value.hasTime || r.value.epochMs !== want.epochMs || r.value.iso !== want.iso) wrong++;
  }
  return wrong;
}

describe('createDateParser at volume', () => {
  const { texts, expected } = distinctLocalTimes(20_000, 'dd/MM/yyyy HH:mm');

  it('draws on both clock changes of 2023', () => {
    expect(texts.length).toBe(20_000);
    // 26 March 2023: 01:00 and 01:30 never shown; 29 October 2023: 01:00 and 01:30 shown twice.
    expect(expected.has('26/03/2023 01:30')).toBe(false);
    expect(expected.get('29/10/2023 01:30')).toEqual({ iso: '2023-10-29', epochMs: Date.UTC(2023, 9, 29, 0, 30) });
  });

  it('parses 1,000,000 cells drawn from 20,000 distinct timestamps correctly', () => {
    expect(check(createDateParser({ format: 'dd/MM/yyyy HH:mm' }), 1_000_000, texts, expected)).toBe(0);
  });

  it('stays correct when a small cache is cleared again and again', () => {
    expect(check(createDateParser({ format: 'dd/MM/yyyy HH:mm', cacheLimit: 5_000 }), 200_000, texts, expected)).toBe(0);
  });

  it('recognises ISO timestamps at volume without a format', () => {
    const iso = distinctLocalTimes(20_000, "yyyy-MM-dd'T'HH:mm:ss");
    expect(check(createDateParser(), 200_000, iso.texts, iso.expected)).toBe(0);
  });
});
