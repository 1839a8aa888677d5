/**
 * How a tCO2e figure is shown in the terminal, by every view that prints one: the same figure
 * reads the same in `import`, `emissions` and `travel`, so a person can check one against the
 * other (2 decimals below 10 t, where a tenth would hide the difference; 1 above).
 */

import { formatNumber } from '../../kernel/format.js';

export function tonnes(kg: number): string {
  return formatNumber(kg / 1000, kg !== 0 && Math.abs(kg) < 10_000 ? 2 : 1);
}
