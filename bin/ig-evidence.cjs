#!/usr/bin/env node
// The `ig-evidence` command: `maestro evidence bundle` under its own name.
'use strict';
process.argv.splice(2, 0, 'evidence', 'bundle');
require('./maestro.cjs');
