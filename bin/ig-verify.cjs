#!/usr/bin/env node
// The `ig-verify` command: `maestro verify` under its own name.
'use strict';
process.argv.splice(2, 0, 'verify');
require('./maestro.cjs');
