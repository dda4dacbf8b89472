// Writes `<file>.br` beside each file given, brotli at the highest quality (11) with the size hint,
// by node's own zlib: no tool to install. Called by scripts/precompress.sh (Trunk post_build hook).
import { brotliCompressSync, constants } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';

for (const file of process.argv.slice(2)) {
  const body = readFileSync(file);
  const out = brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_LGWIN]: constants.BROTLI_MAX_WINDOW_BITS,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  writeFileSync(`${file}.br`, out);
}
