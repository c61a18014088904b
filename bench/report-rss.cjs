// Preloaded with `node -r` by bench/hash.bench.ts: prints the process's peak RSS (KiB) to stderr at exit.
'use strict';
process.on('exit', () => process.stderr.write(`\nMAX_RSS_KIB=${process.resourceUsage().maxRSS}\n`));
