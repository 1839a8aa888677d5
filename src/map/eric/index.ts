/** Understanding an ERIC file: its layout, its cells, and what its name says. No I/O. */

export type {
  EricChpFlow,
  EricColumn,
  EricElectricityPart,
  EricFuel,
  EricIds,
  EricLayout,
  EricLayoutProblem,
  EricLayoutProblemCode,
  EricLevel,
  EricQuantity,
  EricSkipped,
  EricSkipReason,
  EricUnit,
  EricWasteRoute,
} from './types.js';
export { ericLayout } from './layout.js';
export { classifyEricHeader, type EricHeaderMeaning } from './figures.js';
export { ericValue, type EricValue } from './values.js';
export { ericFileName, type EricFileName } from './file-name.js';
export { isEricHeadingRow } from './heading-row.js';
export { ericMessages } from './messages.js';
