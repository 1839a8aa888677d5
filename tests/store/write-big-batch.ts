// Child process for the crash test: writes a batch far too large to finish before it is killed.
import { Ledger } from '../../src/store/ledger.js';
import { activity, newBatch } from './fixtures.js';

const ledger = Ledger.open(process.argv[2]!);
function* many() {
  process.stdout.write('started\n');
  for (let i = 0; i < 50_000_000; i++) yield activity({ line: i + 2 });
}
ledger.writeBatch(newBatch(), { activities: many() });
