// Make dist/cli.js executable (tsc keeps the hashbang, not the mode).
import { chmodSync, existsSync } from 'node:fs';
const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) throw new Error('dist/cli.js missing after build');
chmodSync(cli, 0o755);
