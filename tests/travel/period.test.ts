import { describe, expect, it } from 'vitest';
import { parseFinancialYear } from '../../src/travel/period.js';

describe('financial years as papers write them', () => {
  it('reads 2024/25, 2024-25, 2024/2025, 2024 - 2025, FY2024/25, FY24/25 and fy 24-25 as the year from April 2024', () => {
    for (const text of ['2024/25', '2024-25', '2024/2025', '2024 - 2025', 'FY2024/25', 'FY24/25', 'fy 24-25', ' FY 2024-2025 ']) expect(parseFinancialYear(text), text).toBe(2024);
    expect(parseFinancialYear('1999/00')).toBe(1999);
  });

  it('refuses halves that do not follow on, and what is not a financial year', () => {
    for (const text of ['2024/26', '2024-2026', 'FY24/24', '2024', '24/25/26', 'FY', '2024/5', 'Q1 2024/25']) expect(parseFinancialYear(text), text).toBeUndefined();
  });
});
