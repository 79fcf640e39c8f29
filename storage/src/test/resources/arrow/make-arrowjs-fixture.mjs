// Writes arrowjs-fixture.arrow: a table in Arrow IPC *file* format written by arrow-js,
// so the tests prove that shard reads files written by another Arrow implementation.
// Run once, by hand (the build never runs it):
//   npm install apache-arrow@21.2.0 && node make-arrowjs-fixture.mjs
import { writeFileSync } from 'node:fs';
import { makeTable, tableToIPC, vectorFromArray, Bool, Float64, Int32, Utf8 } from 'apache-arrow';

const table = makeTable({
  id: vectorFromArray([1, 2, null, 4, 5], new Int32()),
  score: vectorFromArray([0.5, null, 2.25, -3.0, 1e300], new Float64()),
  name: vectorFromArray(['alpha', null, '', 'délta', 'epsilon'], new Utf8()),
  flag: vectorFromArray([true, false, null, true, false], new Bool()),
});
writeFileSync(new URL('./arrowjs-fixture.arrow', import.meta.url), tableToIPC(table, 'file'));
