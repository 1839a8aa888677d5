// Child process for the crash test: writes one batch of activities inside a single transaction,
// halting (TCO2E_FAULT_POINT=rows-written:N, see src/kernel/fault-point.ts) once N are written,
// so the test kills it there. Unhalted it would commit them all, which the test must never see.
import { faultPoint } from '../../src/kernel/fault-point.js';
import { Ledger } from '../../src/store/ledger.js';
import { activity, newBatch } from './fixtures.js';

const ledger = Ledger.open(process.argv[2]!);
function* many() {
  for (let i = 0; i < 1_000_000; i++) {
    // Row i is asked for once rows 0 … i-1 are in the transaction.
    if (i % 1_000 === 0) faultPoint('rows-written', i);
    yield activity({ line: i + 2 });
  }
}
ledger.writeBatch(newBatch(), { activities: many() });
ledger.close();
