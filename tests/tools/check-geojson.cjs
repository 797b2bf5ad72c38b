// Validates GeoJSON files against RFC 7946 with @placemarkio/check-geojson (installed by the
// build into <build>/npm-tools). Usage: node check-geojson.cjs MODULE_DIR FILE...; exit 1 on
// the first invalid file, printing each problem with its position.
'use strict';
const fs = require('fs');
const path = require('path');
const [moduleDir, ...files] = process.argv.slice(2);
const { check } = require(path.join(moduleDir, '@placemarkio', 'check-geojson'));
let failed = 0;
for (const file of files) {
  try {
    check(fs.readFileSync(file, 'utf8'));
    console.log(`ok   ${file}`);
  } catch (e) {
    failed += 1;
    const issues = e.issues || [{ message: e.message }];
    for (const issue of issues) console.log(`FAIL ${file}: ${issue.message} ${issue.from !== undefined ? `(at ${issue.from})` : ''}`);
  }
}
process.exit(failed ? 1 : 0);
